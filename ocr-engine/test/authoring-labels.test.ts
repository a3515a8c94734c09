import { describe, expect, it } from "vitest";
import { draftFromWords } from "../src/authoring/draft-template.ts";
import { formatDraftReport } from "../src/authoring/draft-report.ts";
import { findLabels, pageSegments, segmentsOf } from "../src/authoring/find-labels.ts";
import { LABEL_VOCABULARY } from "../src/authoring/label-vocabulary.ts";
import { matchLabel, squash } from "../src/authoring/match-label.ts";
import type { PageChar, PageLine, PageWords } from "../src/authoring/page-words.ts";

const vocab = LABEL_VOCABULARY["tenshutsu-shomeisho"];
const keyOf = (text: string) => matchLabel(text, vocab)?.entry.key ?? null;

/** A line of characters 40 px tall, each 40 px wide, starting at `x`; a space in `text` is a gap of `gap` px. */
const line = (text: string, x: number, y: number, gap = 60): PageLine => {
  const chars: PageChar[] = [];
  let cx = x;
  for (const ch of text) {
    if (ch === " ") {
      cx += gap;
      continue;
    }
    chars.push({ text: ch, confidence: 90, box: { x0: cx, y0: y, x1: cx + 36, y1: y + 40 } });
    cx += 40;
  }
  return { text, confidence: 90, box: { x0: x, y0: y, x1: cx, y1: y + 40 }, chars };
};

describe("label matching", () => {
  it("squashes ASCII and ideographic spaces", () => {
    expect(squash("氏 名")).toBe("氏名");
    expect(squash("生　年　月　日")).toBe("生年月日");
  });

  it("maps each wording to its key, longest wording first", () => {
    expect(keyOf("転出予定年月日")).toBe("move.plannedDate");
    expect(keyOf("転出予定日")).toBe("move.plannedDate");
    expect(keyOf("世帯主との続柄")).toBe("members[].relationship");
    expect(keyOf("世帯主")).toBe("household.head");
    expect(keyOf("世帯主氏名")).toBe("household.head");
    expect(keyOf("筆頭者の氏名")).toBe("domicile.head");
    expect(keyOf("氏 名")).toBe("members[].name");
    expect(keyOf("現住所")).toBe("household.address");
    expect(keyOf("新住所")).toBe("move.destination");
    expect(keyOf("本籍地")).toBe("domicile.address");
    expect(matchLabel("転出予定年月日", vocab)).toMatchObject({ word: "転出予定年月日", edits: 0, length: 7 });
  });

  it("tolerates one misread character in a wording of three or more, when it fills its island", () => {
    expect(matchLabel("世帯詩", vocab)).toMatchObject({ entry: { key: "household.head" }, edits: 1 });
    expect(matchLabel("異勤予定年月日", vocab)).toMatchObject({ entry: { key: "move.plannedDate" }, edits: 1 });
    // …but not inside a longer text, and not in two-character wordings.
    expect(keyOf("世帯詩鈴木")).toBeNull();
    expect(keyOf("住听")).toBeNull();
  });

  it("keeps a value merged into the label's island: exact wording at the start", () => {
    expect(matchLabel("本籍れいぶん県さんぷる村", vocab)).toMatchObject({ entry: { key: "domicile.address" }, length: 2, edits: 0 });
  });

  it("takes no title or certifying sentence for a label (転出証明書 is one edit from 転出先 over three characters)", () => {
    expect(keyOf("転出証明書")).toBeNull();
    expect(keyOf("転出")).toBeNull();
    expect(keyOf("上記のとおり転出したことを証明します。")).toBeNull();
  });

  it("reads a single-character wording only when it is the whole island", () => {
    expect(keyOf("性")).toBe("members[].sex");
    expect(keyOf("性格")).toBeNull();
  });
});

describe("segments and label hits", () => {
  it("cuts a line at ruled lines read as characters and at wide gaps", () => {
    const l = line("住所|れいぶん県 ためし", 100, 100);
    expect(segmentsOf(l).map((s) => s.text)).toEqual(["住所", "れいぶん県", "ためし"]);
  });

  it("joins a wording printed with wide spaces (氏　名, 生　年　月　日) and boxes only the label", () => {
    const words: PageWords = { width: 2000, height: 3000, lines: [line("生 年 月 日 昭和50年3月4日", 100, 100), line("氏 名", 100, 300)] };
    const hits = findLabels(pageSegments(words), vocab);
    expect(hits.map((h) => [h.entry.key, h.word])).toEqual([
      ["members[].birthDate", "生年月日"],
      ["members[].name", "氏名"],
    ]);
    expect(hits[0]!.box.x1).toBeLessThan(500);
  });
});

describe("joining segments", () => {
  it("does not join a label that is whole by itself into the next one (性 | 世帯主との続柄)", () => {
    const words: PageWords = { width: 2000, height: 3000, lines: [line("性 世帯主との続柄", 100, 100)] };
    expect(findLabels(pageSegments(words), vocab).map((h) => h.entry.key)).toEqual(["members[].sex", "members[].relationship"]);
  });

  it("joins a spread-out long wording with one misread character (異 動 予 定 年 月 目)", () => {
    const words: PageWords = { width: 2000, height: 3000, lines: [line("異動 予定 年月目", 100, 100)] };
    expect(findLabels(pageSegments(words), vocab).map((h) => [h.entry.key, h.edits])).toEqual([["move.plannedDate", 1]]);
  });
});

describe("draftFromWords errors", () => {
  const page = { width: 200, height: 300, data: new Uint8Array(200 * 300).fill(255) };
  it("fails with no_labels_found when no known label is on the page", () => {
    const words: PageWords = { width: 200, height: 300, lines: [line("みほん", 10, 10)] };
    const r = draftFromWords(page, words, { kind: "tenshutsu-shomeisho", issuer: "131016" });
    expect(r._unsafeUnwrapErr()).toMatchObject({ _tag: "OcrError", reason: "no_labels_found", operation: "draft" });
    expect(draftFromWords(page, words, { kind: "tenshutsu-shomeisho", issuer: "*" }, "fallback")._unsafeUnwrapErr()).toMatchObject({ operation: "fallback" });
  });

  it("rejects an issuer with a wrong check digit and a version below 1", () => {
    const words: PageWords = { width: 200, height: 300, lines: [line("本籍", 10, 10)] };
    expect(draftFromWords(page, words, { kind: "tenshutsu-shomeisho", issuer: "131017" })._unsafeUnwrapErr().reason).toBe("invalid_input");
    expect(draftFromWords(page, words, { kind: "tenshutsu-shomeisho", issuer: "131016", version: 0 })._unsafeUnwrapErr().reason).toBe("invalid_input");
  });

  it("drafts a valid template from one label on a blank page, and the report names what is missing", () => {
    const words: PageWords = { width: 2000, height: 2800, lines: [line("本籍 れいぶん県さんぷる村", 100, 400)] };
    const page2 = { width: 2000, height: 2800, data: new Uint8Array(2000 * 2800).fill(255) };
    const { template, report } = draftFromWords(page2, words, { kind: "tenshutsu-shomeisho", issuer: "131016", version: 2 })._unsafeUnwrap();
    expect(template.id).toBe("tenshutsu-shomeisho/131016/v2");
    expect(template.fields.map((f) => f.key)).toEqual(["domicile.address"]);
    expect(template.fields[0]!.region.x).toBeGreaterThan(140 / 2000);
    expect(report.missing).toContain("household.address");
    expect(report.missing).not.toContain("domicile.address");
    const text = formatDraftReport(report);
    expect(text).toContain("domicile.address");
    expect(text).toContain("見つからない項目 / Not found");
  });
});
