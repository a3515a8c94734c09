import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeFormLayout, type FormLayout, type PrintableForm } from "@madoguchi/core";
import { readPrintedPdf } from "@madoguchi/conformance/form-printer";
import { createPdfFormPrinter } from "../src/index.ts";

const LAYOUT_FILE = new URL("../../../config/forms/juminido-todoke.v1.json", import.meta.url);

const shippedLayout = (): FormLayout => {
  const decoded = decodeFormLayout(JSON.parse(readFileSync(LAYOUT_FILE, "utf8")));
  if (decoded.isErr()) return expect.fail(decoded.error.issues.join("\n"));
  return decoded.value;
};

/** A full household of eight, with the longest values a counter sees (fictional people and addresses). */
const fullForm: PrintableForm = {
  layoutId: "juminido-todoke",
  values: {
    "notification.kind": "転入",
    "notification.date": "令和8年11月25日",
    "move.date": "令和8年11月20日",
    "address.new": "北海道札幌市中央区北一条西二丁目1番地 札幌中央グランドマンション髙﨑1501号室",
    "head.new": "𠮷野 髙太郎左衛門",
    "address.previous": "鹿児島県鹿児島郡十島村宝島字前籠原一二三四番地五 宝島シーサイドハイツ邉201",
    "head.previous": "渡邉 﨑之助",
    "domicile.address": "京都府京都市左京区吉田本町三十六番地の一 𠮷田山荘",
    "domicile.head": "𠮷野 髙之助",
    "form.confirmationNumber": "20261125-0042",
  },
  rows: {
    persons: [
      { name: "𠮷野 髙太郎左衛門", kana: "よしの たかたろうざえもん", birthDate: "昭和63年12月31日", sex: "男", relationship: "世帯主", residentCode: "12345678901", nationality: "日本" },
      { name: "𠮷野 﨑子", kana: "よしの さきこ", birthDate: "平成元年1月8日", sex: "女", relationship: "妻", residentCode: "23456789012", nationality: "日本" },
      { name: "𠮷野 邉", kana: "よしの ほとり", birthDate: "平成31年4月30日", sex: "男", relationship: "子", residentCode: "34567890123", nationality: "日本" },
      { name: "𠮷野 髙", kana: "よしの たか", birthDate: "令和元年5月1日", sex: "女", relationship: "子", residentCode: "45678901234", nationality: "日本" },
      { name: "ワタナベ ジョン アレクサンダー", kana: "わたなべ じょん あれくさんだー", birthDate: "1975年7月4日", sex: "男", relationship: "妻の父", residentCode: "56789012345", nationality: "アメリカ合衆国" },
      { name: "渡邉 ヨシ", kana: "わたなべ よし", birthDate: "昭和20年8月15日", sex: "女", relationship: "妻の母", residentCode: "67890123456", nationality: "日本" },
      { name: "グエン・ティ・ホア", kana: "ぐえん てぃ ほあ", birthDate: "2001年2月3日", sex: "女", relationship: "同居人", residentCode: "78901234567", nationality: "ベトナム" },
      { name: "髙橋 𠮷右衛門", kana: "たかはし きちえもん", birthDate: "昭和12年3月3日", sex: "男", relationship: "縁故者", residentCode: "89012345678", nationality: "日本" },
    ],
  },
};

const spacesCollapsed = (text: string) => text.replace(/\s+/gu, " ").trim();

describe("config/forms/juminido-todoke.v1.json", () => {
  it("decodes as a layout: A4 portrait, the agreed keys, eight persons on the page", () => {
    const layout = shippedLayout();
    expect(layout).toMatchObject({ id: "juminido-todoke", version: 1, page: { widthMm: 210, heightMm: 297 } });
    expect(layout.name.ja).toBe("住民異動届");
    expect(layout.fields.map((f) => f.key).toSorted()).toEqual(
      ["notification.kind", "notification.date", "move.date", "address.new", "head.new", "address.previous", "head.previous", "domicile.address", "domicile.head", "form.confirmationNumber"].toSorted(),
    );
    expect(layout.groups.map((g) => [g.key, g.maxRows])).toEqual([["persons", 8]]);
    expect(layout.groups[0]?.fields.map((f) => f.key).toSorted()).toEqual(["name", "kana", "birthDate", "sex", "relationship", "residentCode", "nationality"].toSorted());
    const labels = layout.texts.map((t) => t.text).join("\n");
    for (const label of ["住民異動届", "市区町村長", "届出日", "異動日", "届出の種類", "転入・転居・転出・世帯主変更", "新しい住所", "新しい世帯主", "前の住所", "前の世帯主", "本籍", "筆頭者", "氏名／ふりがな", "生年月日", "性別", "続柄", "住民票コード", "国籍・地域", "届出人署名", "確認番号"]) {
      expect(labels).toContain(label);
    }
  });

  it("gives the addresses the full width of the form (about 40 characters at their size)", () => {
    const layout = shippedLayout();
    for (const key of ["address.new", "address.previous", "domicile.address"]) {
      expect(layout.fields.find((f) => f.key === key)?.widthMm, key).toBeGreaterThanOrEqual(150);
    }
  });

  it("prints a full household of eight with every value readable back, and the layout in the footer", async () => {
    const layout = shippedLayout();
    const result = await createPdfFormPrinter().print(layout, fullForm);
    if (result.isErr()) return expect.fail(JSON.stringify(result.error));
    const pdf = await readPrintedPdf(result.value);
    expect(pdf.pageCount).toBe(1);
    const text = spacesCollapsed(pdf.text);
    for (const value of Object.values(fullForm.values)) expect(text).toContain(spacesCollapsed(value));
    for (const row of fullForm.rows["persons"] ?? []) for (const value of Object.values(row)) expect(text).toContain(spacesCollapsed(value));
    expect(text).toContain("juminido-todoke v1");
  });

  it("answers form.font_unavailable when the font file is missing", async () => {
    const printer = createPdfFormPrinter({ fontPath: "/nonexistent/ipamjm.ttf" });
    const result = await printer.print(shippedLayout(), fullForm);
    expect(result._unsafeUnwrapErr()).toMatchObject({ code: "form.font_unavailable" });
    expect((await printer.healthCheck())._unsafeUnwrapErr()).toMatchObject({ code: "form.font_unavailable" });
  });
});
