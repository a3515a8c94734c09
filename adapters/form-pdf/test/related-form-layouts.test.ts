import { readFileSync } from "node:fs";
import { extractTextItems } from "unpdf";
import { describe, expect, it } from "vitest";
import { decodeFormLayout, type FormBox, type FormLayout, type PrintableForm } from "@madoguchi/core";
import { readPrintedPdf } from "@madoguchi/conformance/form-printer";
import { createPdfFormPrinter } from "../src/index.ts";

/**
 * The forms printed next to the 住民異動届 from the same interview (C7): the 住民票の写し等交付請求書 and the
 * 印鑑登録申請書, as layout files (C10). Each must decode with the keys the counter fills, draw the labels of
 * the paper form, and print a full sample with every value readable back and no text across a ruled line.
 */

const POINTS_PER_MM = 72 / 25.4;

const shippedLayout = (file: string): FormLayout => {
  const decoded = decodeFormLayout(JSON.parse(readFileSync(new URL(`../../../config/forms/${file}`, import.meta.url), "utf8")));
  if (decoded.isErr()) return expect.fail(decoded.error.issues.join("\n"));
  return decoded.value;
};

const LONG_ADDRESS = "北海道札幌市中央区北一条西二丁目1番地 札幌中央グランドマンション髙﨑1501号室";
const OTHER_LONG_ADDRESS = "鹿児島県鹿児島郡十島村宝島字前籠原一二三四番地五 宝島シーサイドハイツ邉201";

interface RelatedFormCase {
  readonly file: string;
  readonly id: string;
  readonly name: { readonly ja: string; readonly en: string };
  readonly fieldKeys: readonly string[];
  readonly groups: readonly { readonly key: string; readonly maxRows: number; readonly rowKeys: readonly string[] }[];
  readonly addressKeys: readonly string[];
  /** Every label drawn on the form, each to be found among the layout's texts. */
  readonly labels: readonly string[];
  /** Texts that are the label of a small check box drawn just left of them. */
  readonly checkBoxLabels: readonly string[];
  /** Labels whose box, right of the label's cell, is left blank for the resident's hand. */
  readonly blankBoxesRightOf: readonly string[];
  /** Fictional people and addresses, the longest a counter sees. */
  readonly sample: PrintableForm;
}

const cases: readonly RelatedFormCase[] = [
  {
    file: "juminhyo-seikyu.v1.json",
    id: "juminhyo-seikyu",
    name: { ja: "住民票の写し等交付請求書", en: "Request for copies of the residence certificate" },
    fieldKeys: ["request.date", "applicant.address", "applicant.name", "applicant.kana", "applicant.birthDate", "subject.address", "subject.head", "form.confirmationNumber"],
    groups: [{ key: "persons", maxRows: 8, rowKeys: ["name", "birthDate", "relationship"] }],
    addressKeys: ["applicant.address", "subject.address"],
    labels: [
      "住民票の写し等交付請求書", "市区町村長", "殿", "請求日", "請求者", "住所", "氏名", "ふりがな", "生年月日", "必要な方", "世帯主",
      "必要な方の氏名", "続柄", "請求する証明", "住民票の写し（世帯全員・一部）", "住民票記載事項証明書", "通数", "通",
      "使用目的", "本籍・続柄の記載", "個人番号の記載", "要", "不要", "請求者署名", "確認番号",
    ],
    checkBoxLabels: ["住民票の写し（世帯全員・一部）", "住民票記載事項証明書", "要", "不要"],
    blankBoxesRightOf: ["請求者署名", "使用目的"],
    sample: {
      layoutId: "juminhyo-seikyu",
      values: {
        "request.date": "令和8年11月25日",
        "applicant.address": LONG_ADDRESS,
        "applicant.name": "𠮷野 髙子",
        "applicant.kana": "よしの たかこ",
        "applicant.birthDate": "平成元年1月8日",
        "subject.address": OTHER_LONG_ADDRESS,
        "subject.head": "𠮷野 髙太郎左衛門",
        "form.confirmationNumber": "20261125-0042",
      },
      rows: {
        persons: [
          { name: "𠮷野 髙太郎左衛門", birthDate: "昭和63年12月31日", relationship: "世帯主" },
          { name: "𠮷野 髙子", birthDate: "平成元年1月8日", relationship: "妻" },
          { name: "𠮷野 邉", birthDate: "平成31年4月30日", relationship: "子" },
          { name: "𠮷野 﨑", birthDate: "令和元年5月1日", relationship: "子" },
          { name: "ワタナベ ジョン アレクサンダー", birthDate: "1975年7月4日", relationship: "妻の父" },
          { name: "渡邉 ヨシ", birthDate: "昭和20年8月15日", relationship: "妻の母" },
          { name: "グエン・ティ・ホア", birthDate: "2001年2月3日", relationship: "同居人" },
          { name: "髙橋 𠮷右衛門", birthDate: "昭和12年3月3日", relationship: "縁故者" },
        ],
      },
    },
  },
  {
    file: "inkan-toroku.v1.json",
    id: "inkan-toroku",
    name: { ja: "印鑑登録申請書", en: "Seal registration application" },
    fieldKeys: ["application.date", "applicant.address", "applicant.name", "applicant.kana", "applicant.birthDate", "applicant.sex", "form.confirmationNumber"],
    groups: [],
    addressKeys: ["applicant.address"],
    labels: [
      "印鑑登録申請書", "市区町村長", "殿", "申請日", "申請者", "住所", "氏名", "ふりがな", "生年月日", "性別", "登録する印鑑",
      "申請者署名", "本人確認書類", "マイナンバーカード", "運転免許証", "在留カード", "その他", "保証人", "保証人の登録印", "登録番号", "確認番号",
    ],
    checkBoxLabels: ["マイナンバーカード", "運転免許証", "在留カード", "その他（　　　　　　　）"],
    blankBoxesRightOf: ["申請者署名", "登録する印鑑"],
    sample: {
      layoutId: "inkan-toroku",
      values: {
        "application.date": "令和8年11月25日",
        "applicant.address": LONG_ADDRESS,
        "applicant.name": "𠮷野 髙子",
        "applicant.kana": "よしの たかこ",
        "applicant.birthDate": "昭和63年12月31日",
        "applicant.sex": "女",
        "form.confirmationNumber": "20261125-0043",
      },
      rows: {},
    },
  },
];

const spacesCollapsed = (text: string) => text.replace(/\s+/gu, " ").trim();

const contains = (box: FormBox, xMm: number, yMm: number) => xMm >= box.xMm && xMm <= box.xMm + box.widthMm && yMm >= box.yMm && yMm <= box.yMm + box.heightMm;
const area = (box: FormBox) => box.widthMm * box.heightMm;
/** The cell a text or value starting at this point is drawn in: the smallest box around the point. */
const cellAt = (layout: FormLayout, xMm: number, yMm: number): FormBox | undefined =>
  layout.boxes.filter((b) => contains(b, xMm, yMm)).toSorted((a, b) => area(a) - area(b))[0];

/** Everything drawn into a layout's form, each as the point its text starts at. */
const placedPoints = (layout: FormLayout) => [
  ...layout.texts.map((t) => ({ what: `text ${t.text}`, xMm: t.xMm, yMm: t.yMm })),
  ...layout.fields.map((f) => ({ what: `field ${f.key}`, xMm: f.xMm, yMm: f.yMm })),
  ...layout.groups.flatMap((g) => g.fields.flatMap((f) => Array.from({ length: g.maxRows }, (_, row) => ({ what: `${g.key}[${row}].${f.key}`, xMm: f.xMm, yMm: f.yMm + g.stepMm * row })))),
];

/** A ruled line of the form, in PDF points from the bottom-left corner. */
interface Rule {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

const rulesOf = (layout: FormLayout): Rule[] => {
  const top = layout.page.heightMm * POINTS_PER_MM;
  return layout.boxes.flatMap((b) => {
    const [left, right] = [b.xMm * POINTS_PER_MM, (b.xMm + b.widthMm) * POINTS_PER_MM];
    const [upper, lower] = [top - b.yMm * POINTS_PER_MM, top - (b.yMm + b.heightMm) * POINTS_PER_MM];
    return [
      { x0: left, y0: lower, x1: left, y1: upper },
      { x0: right, y0: lower, x1: right, y1: upper },
      { x0: left, y0: upper, x1: right, y1: upper },
      { x0: left, y0: lower, x1: right, y1: lower },
    ];
  });
};

describe.each(cases)("config/forms/$file", (c) => {
  it("decodes as an A4 portrait layout with exactly the keys the counter fills", () => {
    const layout = shippedLayout(c.file);
    expect(layout).toMatchObject({ id: c.id, version: 1, name: c.name, page: { widthMm: 210, heightMm: 297 } });
    expect(layout.fields.map((f) => f.key).toSorted()).toEqual([...c.fieldKeys].toSorted());
    expect(layout.groups.map((g) => [g.key, g.maxRows])).toEqual(c.groups.map((g) => [g.key, g.maxRows]));
    for (const [i, g] of c.groups.entries()) expect(layout.groups[i]?.fields.map((f) => f.key).toSorted()).toEqual([...g.rowKeys].toSorted());
  });

  it("draws the labels of the paper form, the addresses across its full width", () => {
    const layout = shippedLayout(c.file);
    const texts = layout.texts.map((t) => t.text).join("\n");
    for (const label of c.labels) expect(texts, label).toContain(label);
    for (const key of c.addressKeys) expect(layout.fields.find((f) => f.key === key)?.widthMm, key).toBeGreaterThanOrEqual(150);
  });

  it("draws each check box as a small square just left of its label", () => {
    const layout = shippedLayout(c.file);
    for (const label of c.checkBoxLabels) {
      const texts = layout.texts.filter((t) => t.text === label);
      expect(texts, label).not.toHaveLength(0);
      for (const t of texts) {
        // The label's middle: its baseline less about a third of the size (1 pt = 0.353 mm).
        const middleMm = t.yMm - t.sizePt * 0.353 * 0.35;
        const box = layout.boxes.find((b) => b.widthMm === b.heightMm && b.widthMm >= 2.5 && b.widthMm <= 5 && t.xMm - (b.xMm + b.widthMm) >= 0.5 && t.xMm - (b.xMm + b.widthMm) <= 3 && middleMm >= b.yMm && middleMm <= b.yMm + b.heightMm);
        expect(box, `check box of ${label}`).toBeDefined();
      }
    }
  });

  it("leaves the boxes to sign, stamp or write in blank", () => {
    const layout = shippedLayout(c.file);
    const points = placedPoints(layout);
    for (const label of c.blankBoxesRightOf) {
      const text = layout.texts.find((t) => t.text === label);
      if (text === undefined) return expect.fail(`no label ${label}`);
      const cell = cellAt(layout, text.xMm, text.yMm);
      if (cell === undefined) return expect.fail(`${label} is in no cell`);
      const blank = layout.boxes.find((b) => Math.abs(b.xMm - (cell.xMm + cell.widthMm)) < 0.01 && b.yMm === cell.yMm && b.heightMm === cell.heightMm);
      if (blank === undefined) return expect.fail(`no box right of ${label}`);
      expect(points.filter((p) => contains(blank, p.xMm, p.yMm)).map((p) => p.what), `box right of ${label}`).toEqual([]);
    }
  });

  it("prints a full sample with every value readable back, and the layout in the footer", async () => {
    const layout = shippedLayout(c.file);
    const result = await createPdfFormPrinter().print(layout, c.sample);
    if (result.isErr()) return expect.fail(JSON.stringify(result.error));
    const pdf = await readPrintedPdf(result.value);
    expect(pdf.pageCount).toBe(1);
    const text = spacesCollapsed(pdf.text);
    for (const value of Object.values(c.sample.values)) expect(text).toContain(spacesCollapsed(value));
    for (const rows of Object.values(c.sample.rows)) for (const row of rows) for (const value of Object.values(row)) expect(text).toContain(spacesCollapsed(value));
    expect(text).toContain(`${c.id} v1`);
  });

  it("prints no text across a ruled line or over another text, nor off the page's margins", async () => {
    const layout = shippedLayout(c.file);
    const result = await createPdfFormPrinter().print(layout, c.sample);
    if (result.isErr()) return expect.fail(JSON.stringify(result.error));
    const items = ((await extractTextItems(result.value.slice())).items[0] ?? []).filter((i) => i.str.trim() !== "");
    expect(items.length).toBeGreaterThan(c.labels.length);
    // Each run of text as the em boxes of its characters (IPAmj明朝: 0.88 em above the baseline, 0.12 below),
    // shrunk by a hair so that a text touching a line is not counted as crossing it.
    const hair = 0.3;
    const extents = items.map((i) => ({ str: i.str, x0: i.x + hair, x1: i.x + i.width - hair, y0: i.y - 0.12 * i.fontSize + hair, y1: i.y + 0.88 * i.fontSize - hair }));
    const crossings: string[] = [];
    for (const e of extents) {
      for (const r of rulesOf(layout)) {
        const vertical = r.x0 === r.x1;
        const crosses = vertical
          ? r.x0 > e.x0 && r.x0 < e.x1 && r.y1 > e.y0 && r.y0 < e.y1
          : r.y0 > e.y0 && r.y0 < e.y1 && r.x1 > e.x0 && r.x0 < e.x1;
        if (crosses) crossings.push(`${e.str} crosses the line ${JSON.stringify(r)}`);
      }
      for (const o of extents) {
        if (o !== e && o.x0 < e.x1 && e.x0 < o.x1 && o.y0 < e.y1 && e.y0 < o.y1) crossings.push(`${e.str} overlaps ${o.str}`);
      }
      const [left, right] = [5 * POINTS_PER_MM, (layout.page.widthMm - 5) * POINTS_PER_MM];
      if (e.x0 < left || e.x1 > right) crossings.push(`${e.str} is outside the page's margins`);
    }
    expect(crossings).toEqual([]);
  });
});
