import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import {
  addDraftPerson,
  confirmDraftValue,
  draftIssues,
  emptyNotificationDraft,
  NOTIFICATION_FIELD_KEYS,
  PERSON_FIELD_KEYS,
  typeDraftValue,
  type DraftPath,
  type DraftValue,
  type ResidenceNotificationDraft,
} from "@madoguchi/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { I18nProvider } from "../src/i18n/i18n-context.tsx";
import {
  clipboardWriter,
  COPY_ALL_ID,
  COPY_STATUS_ID,
  copyButtonId,
  copyText,
  draftCopyText,
  isUnconfirmed,
  SHEET_FIELD_ORDER,
} from "../src/pages/staff/counter/counter-copy.ts";
import { pathInputId } from "../src/pages/staff/counter/counter-draft.ts";
import { copyOutcomeText, counterMessages } from "../src/pages/staff/counter/counter-messages.ts";
import { CounterSheet } from "../src/pages/staff/counter/counter-sheet.tsx";

/** A value as a scan gives it: with `reasons` it waits for staff's look. */
const scanned = (value: string, reasons: DraftValue["reasons"] = [], confirmed = false): DraftValue => ({
  value,
  source: { by: "scan", templateId: "tenshutsu-shomeisho/131121/v1", scanIndex: 0, raw: value, region: null },
  reasons,
  confirmed,
});

const typed = (draft: ResidenceNotificationDraft, entries: readonly (readonly [DraftPath, string])[]): ResidenceNotificationDraft =>
  entries.reduce((d, [path, text]) => typeDraftValue(d, path, text), draft);

/** A 転入 of two persons: every single value typed in reverse of the sheet's order, so order comes from the sheet. */
const household = (): ResidenceNotificationDraft => {
  let draft = addDraftPerson(addDraftPerson(emptyNotificationDraft("tennyu")));
  draft = typed(draft, [
    [{ person: 1, field: "name" }, "見本 花子"],
    [{ person: 0, field: "relationship" }, "世帯主"],
    [{ person: 0, field: "name" }, "見本 太郎"],
    [{ field: "domicile.address" }, "ためし県みほん市本町1番地"],
    [{ field: "head.new" }, "見本 太郎"],
    [{ field: "address.new" }, "みほん県ためし市本町四丁目5番6号"],
    [{ field: "move.date" }, "令和8年11月20日"],
  ]);
  return draft;
};

describe("the order of the sheet", () => {
  it("has every single value of the notification exactly once, the date of the move first", () => {
    expect([...SHEET_FIELD_ORDER].sort()).toEqual([...NOTIFICATION_FIELD_KEYS].sort());
    expect(new Set(SHEET_FIELD_ORDER).size).toBe(SHEET_FIELD_ORDER.length);
    expect(SHEET_FIELD_ORDER[0]).toBe("move.date");
  });
});

describe("draftCopyText: the draft as label<TAB>value lines", () => {
  it("follows the sheet's order — date, kind, addresses and heads — then each person's values in the table's order", () => {
    const copy = draftCopyText(household(), "ja");
    expect(copy.text.split("\n")).toEqual([
      "異動日\t令和8年11月20日",
      "届出の種類\t転入",
      "新しい住所\tみほん県ためし市本町四丁目5番6号",
      "新しい世帯主\t見本 太郎",
      "本籍\tためし県みほん市本町1番地",
      "世帯員1 氏名\t見本 太郎",
      "世帯員1 続柄\t世帯主",
      "世帯員2 氏名\t見本 花子",
    ]);
    expect(copy.values).toBe(7);
    expect(copy.unconfirmed).toBe(0);
  });

  it("orders a person's values as the table's columns", () => {
    let draft = addDraftPerson(emptyNotificationDraft("tenkyo"));
    draft = typed(
      draft,
      [...PERSON_FIELD_KEYS].reverse().map((field): readonly [DraftPath, string] => [{ person: 0, field }, `v-${field}`]),
    );
    const labels = draftCopyText(draft, "ja").text.split("\n").slice(1).map((l) => l.split("\t")[0]);
    expect(labels).toEqual(["世帯員1 氏名", "世帯員1 ふりがな", "世帯員1 生年月日", "世帯員1 性別", "世帯員1 続柄", "世帯員1 住民票コード", "世帯員1 国籍・地域"]);
  });

  it("has two columns on every line and no trailing line break", () => {
    const text = draftCopyText(household(), "ja").text;
    for (const line of text.split("\n")) expect(line.split("\t")).toHaveLength(2);
    expect(text.endsWith("\n")).toBe(false);
  });

  it("skips empty values, an empty person row and blank-only values", () => {
    let draft = addDraftPerson(addDraftPerson(emptyNotificationDraft("tennyu")));
    draft = typed(draft, [[{ person: 1, field: "kana" }, "みほん はなこ"]]);
    draft = { ...draft, fields: { "head.new": scanned("   "), "address.new": scanned("") } };
    expect(draftCopyText(draft, "ja").text.split("\n")).toEqual(["届出の種類\t転入", "世帯員2 ふりがな\tみほん はなこ"]);
  });

  it("copies nothing from a draft with no value (the kind of notification alone is not a reading)", () => {
    expect(draftCopyText(emptyNotificationDraft("tenshutsu"), "ja")).toEqual({ text: "", values: 0, unconfirmed: 0 });
    expect(draftCopyText(addDraftPerson(emptyNotificationDraft("tenshutsu")), "en")).toEqual({ text: "", values: 0, unconfirmed: 0 });
  });

  it("marks values flagged and not yet confirmed with （未確認）, and counts them; confirmed or unflagged ones are unmarked", () => {
    let draft = addDraftPerson(emptyNotificationDraft("tennyu"));
    draft = {
      ...draft,
      fields: { "address.new": scanned("みほん県ためし市本町四丁目5番6号", ["taken_from_destination"]), "address.previous": scanned("さんぷる県みほん市中央一丁目2番3号") },
      persons: [{ name: scanned("見本 太郎", ["name_always_confirmed"]), birthDate: scanned("1980-04-01", ["low_confidence"], true) }],
    };
    const copy = draftCopyText(draft, "ja");
    expect(copy.text.split("\n")).toEqual([
      "届出の種類\t転入",
      "新しい住所\tみほん県ためし市本町四丁目5番6号（未確認）",
      "前の住所\tさんぷる県みほん市中央一丁目2番3号",
      "世帯員1 氏名\t見本 太郎（未確認）",
      "世帯員1 生年月日\t1980-04-01",
    ]);
    expect(copy).toMatchObject({ values: 4, unconfirmed: 2 });
    const confirmed = draftCopyText(confirmDraftValue(draft, { person: 0, field: "name" }), "ja");
    expect(confirmed.text).toContain("世帯員1 氏名\t見本 太郎\n");
    expect(confirmed.unconfirmed).toBe(1);
  });

  it("turns tabs, line breaks and other control characters inside a value into one space, so a value never breaks the table", () => {
    const draft: ResidenceNotificationDraft = {
      ...emptyNotificationDraft("tennyu"),
      fields: {
        "address.new": scanned("みほん県\tためし市\r\n本町\n四丁目"),
        "head.new": scanned("見本\u2028太郎\u0000", ["name_always_confirmed"]),
        "domicile.head": scanned("\t\n"),
      },
    };
    const copy = draftCopyText(draft, "ja");
    expect(copy.text.split("\n")).toEqual(["届出の種類\t転入", "新しい住所\tみほん県 ためし市 本町 四丁目", "新しい世帯主\t見本 太郎（未確認）"]);
    for (const line of copy.text.split("\n")) expect(line.split("\t")).toHaveLength(2);
    expect(copy.values).toBe(2);
  });

  it("writes the labels in English on the English page", () => {
    const draft: ResidenceNotificationDraft = {
      ...addDraftPerson(emptyNotificationDraft("tenkyo")),
      fields: { "move.date": scanned("2026-11-20") },
      persons: [{ name: scanned("見本 太郎", ["name_always_confirmed"]) }],
    };
    expect(draftCopyText(draft, "en").text.split("\n")).toEqual([
      "Date of the move\t2026-11-20",
      "Kind of notification\tMoving within the municipality",
      "Person 1 Name\t見本 太郎 (unchecked)",
    ]);
  });
});

describe("copy helpers", () => {
  it("tells a value waiting for a look from one confirmed or never flagged", () => {
    expect(isUnconfirmed(undefined)).toBe(false);
    expect(isUnconfirmed(scanned("a"))).toBe(false);
    expect(isUnconfirmed(scanned("a", ["low_confidence"]))).toBe(true);
    expect(isUnconfirmed(scanned("a", ["low_confidence"], true))).toBe(false);
  });

  it("names each copy button after the value's input, without dots or brackets", () => {
    expect(copyButtonId({ field: "address.new" })).toBe("counter-copy-address-new");
    expect(copyButtonId({ field: "move.date" })).toBe("counter-copy-move-date");
    expect(copyButtonId({ person: 0, field: "name" })).toBe("counter-copy-person-0-name");
    expect(copyButtonId({ person: 7, field: "residentCode" })).toBe("counter-copy-person-7-residentCode");
    for (const field of NOTIFICATION_FIELD_KEYS) {
      const id = copyButtonId({ field });
      expect(id).toMatch(/^counter-copy-[A-Za-z0-9-]+$/);
      expect(id).toBe(pathInputId({ field }).replace(/^counter-/, "counter-copy-"));
    }
  });

  it("finds navigator.clipboard.writeText only where it exists, and calls it on the clipboard", async () => {
    expect(clipboardWriter(undefined)).toBeNull();
    expect(clipboardWriter({})).toBeNull();
    expect(clipboardWriter({ clipboard: {} })).toBeNull();
    expect(clipboardWriter({ clipboard: { writeText: "no" } })).toBeNull();
    const clipboard = {
      written: [] as string[],
      writeText(this: { written: string[] }, text: string) {
        this.written.push(text);
        return Promise.resolve();
      },
    };
    const write = clipboardWriter({ clipboard });
    expect(write).not.toBeNull();
    await expect(copyText(write!, "見本")).resolves.toBe(true);
    expect(clipboard.written).toEqual(["見本"]);
  });

  it("reports a refused or throwing clipboard as not copied, never as a rejection", async () => {
    await expect(copyText(() => Promise.reject(new Error("NotAllowedError")), "x")).resolves.toBe(false);
    await expect(
      copyText(() => {
        throw new Error("sync");
      }, "x"),
    ).resolves.toBe(false);
  });

  it("says what was copied, in both languages", () => {
    expect(copyOutcomeText({ kind: "copied", unconfirmed: false }, "ja")).toBe("コピーしました");
    expect(copyOutcomeText({ kind: "copied", unconfirmed: true }, "ja")).toBe("未確認の値をコピーしました");
    expect(copyOutcomeText({ kind: "failed" }, "ja")).toBe("コピーできませんでした（この画面の値を選択してコピーしてください）");
    expect(copyOutcomeText({ kind: "copied_all", values: 5, unconfirmed: 0 }, "ja")).toBe("読取結果の5項目をコピーしました");
    expect(copyOutcomeText({ kind: "copied_all", values: 5, unconfirmed: 2 }, "ja")).toContain("未確認の2項目");
    expect(copyOutcomeText({ kind: "copied", unconfirmed: false }, "en")).toBe("Copied");
    expect(copyOutcomeText({ kind: "copied", unconfirmed: true }, "en")).toBe("Copied a value not checked yet");
    expect(copyOutcomeText({ kind: "copied_all", values: 1, unconfirmed: 0 }, "en")).toBe("Copied 1 value");
    expect(copyOutcomeText({ kind: "failed" }, "en")).toContain("select the value");
    expect(counterMessages.ja.copyFor("氏名")).toBe("氏名をコピー");
    expect(counterMessages.en.copyFor("Name")).toBe("Copy Name");
  });
});

describe("the copy buttons on the sheet (rendered)", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  const draft: ResidenceNotificationDraft = {
    ...addDraftPerson(emptyNotificationDraft("tennyu")),
    fields: { "address.previous": scanned("さんぷる県みほん市中央一丁目2番3号") },
    persons: [{ name: scanned("見本 太郎", ["name_always_confirmed"]) }],
  };
  const sheet = (d: ResidenceNotificationDraft = draft) =>
    renderToStaticMarkup(
      createElement(
        I18nProvider,
        null,
        createElement(CounterSheet, {
          draft: d,
          issues: draftIssues(d, "2026-11-25"),
          reasonLabels: {},
          onChange: () => undefined,
          onKindChange: () => undefined,
          onFocusValue: () => undefined,
        }),
      ),
    );
  const withClipboard = () => vi.stubGlobal("navigator", { clipboard: { writeText: () => Promise.resolve() } });

  it("offers a named copy button beside each value that has one, flagged or not, and none beside empty values", () => {
    withClipboard();
    const html = sheet();
    const ids = [...html.matchAll(/data-testid="(counter-copy-[^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual([COPY_ALL_ID, COPY_STATUS_ID, "counter-copy-address-previous", "counter-copy-person-0-name"]);
    expect(html).toMatch(/<button type="button"[^>]*aria-label="前の住所をコピー"[^>]*data-testid="counter-copy-address-previous"[^>]*>コピー<\/button>/);
    expect(html).toContain('aria-label="1人目の氏名をコピー"');
    expect(html).toMatch(/<button type="button"[^>]*data-testid="counter-copy-all"[^>]*>読取結果をまとめてコピー<\/button>/);
    expect(html).toMatch(/<p role="status"[^>]*data-testid="counter-copy-status"><\/p>/);
  });

  it("shows the status but no whole-draft button while the draft has no value", () => {
    withClipboard();
    const html = sheet(emptyNotificationDraft("tennyu"));
    expect(html).toContain(`data-testid="${COPY_STATUS_ID}"`);
    expect(html).not.toContain(`data-testid="${COPY_ALL_ID}"`);
  });

  it("offers no copy button at all where the browser has no clipboard to write to", () => {
    vi.stubGlobal("navigator", {});
    const html = sheet();
    expect(html).not.toContain("counter-copy-");
    vi.stubGlobal("navigator", undefined);
    expect(sheet()).not.toContain("counter-copy-");
  });
});
