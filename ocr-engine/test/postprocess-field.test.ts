import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normaliseNumber, postProcess } from "../src/postprocess/post-process.ts";
import { REVIEW_REASONS } from "../src/result/field-result.ts";
import { REVIEW_REASON_LABELS } from "../src/result/review-reason-labels.ts";
import type { FieldType } from "../src/templates/template.ts";
import { testField } from "./template-field-fixture.ts";

const field = testField;

describe("postProcess: common behaviour", () => {
  it("keeps raw, confidence, key and region, and a clean field needs no review", () => {
    const f = field("text");
    const r = postProcess(f, "  転出　証明書 ", 92);
    // Japanese is written without spaces: the one tesseract (or the form) puts between words is dropped.
    expect(r).toEqual({ key: "test.text", value: "転出証明書", raw: "  転出　証明書 ", confidence: 92, region: f.region, needsReview: false, reasons: [] });
  });
  it("uses the row's region when one is given", () => {
    const region = { x: 0.1, y: 0.5, width: 0.3, height: 0.05 };
    expect(postProcess(field("text"), "a", 90, region).region).toEqual(region);
  });
  it("flags low confidence below the field's threshold, not at it", () => {
    expect(postProcess(field("text"), "abc", 59.9).reasons).toEqual(["low_confidence"]);
    expect(postProcess(field("text"), "abc", 60).reasons).toEqual([]);
  });
  it("clamps confidence to 0..100", () => {
    expect(postProcess(field("text"), "a", 140).confidence).toBe(100);
    expect(postProcess(field("text"), "a", Number.NaN).confidence).toBe(0);
  });
  it("flags an empty required field, and an empty optional one not at all (even at confidence 0)", () => {
    expect(postProcess(field("text"), " \u3000", 0)).toMatchObject({ value: null, needsReview: true, reasons: ["required_missing"] });
    expect(postProcess(field("text", { required: false }), "", 0)).toMatchObject({ value: null, needsReview: false, reasons: [] });
  });
  it("flags text that normalises to nothing as unreadable", () => {
    expect(postProcess(field("number", { required: false }), "|_|", 90).reasons).toEqual(["unreadable"]);
  });
  it("honours review.always for non-name fields", () => {
    expect(postProcess(field("address", { review: { always: true } }), "東京都", 99).reasons).toEqual(["always_review"]);
  });
  it("flags characters outside the whitelist", () => {
    const f = field("text", { hints: { whitelist: "0123456789" } });
    expect(postProcess(f, "１２３", 95).reasons).toEqual([]);
    expect(postProcess(f, "12a", 95).reasons).toEqual(["pattern_mismatch"]);
    const kana = field("kana", { hints: { whitelist: "アイウエオカキクケコ" } });
    expect(postProcess(kana, "あか", 95).reasons).toEqual([]);
    expect(postProcess(kana, "アサ", 95).reasons).toEqual(["pattern_mismatch"]);
    const date = field("date-wareki", { hints: { whitelist: "0123456789昭和年月日" } });
    expect(postProcess(date, "昭和50年3月4日", 95).reasons).toEqual([]);
    expect(postProcess(date, "平成2年3月4日", 95).reasons).toEqual(["pattern_mismatch"]);
  });
  it("flags a pattern mismatch, and a pattern that does not compile never passes", () => {
    expect(postProcess(field("text", { post: { pattern: "^\\d{3}$" } }), "１２３", 95).reasons).toEqual([]);
    expect(postProcess(field("text", { post: { pattern: "^\\d{3}$" } }), "1234", 95).reasons).toEqual(["pattern_mismatch"]);
    expect(postProcess(field("text", { post: { pattern: "([" } }), "123", 95).reasons).toEqual(["pattern_mismatch"]);
  });
  it("property: needsReview is exactly 'there is a reason', reasons are unique, raw is kept", () => {
    const types: FieldType[] = ["text", "name", "kana", "roman-name", "date-wareki", "date-seireki", "date", "address", "number", "enum", "code"];
    fc.assert(
      fc.property(fc.constantFrom(...types), fc.string({ maxLength: 12 }), fc.double({ min: -10, max: 110, noNaN: true }), fc.boolean(), (type, raw, conf, required) => {
        const r = postProcess(field(type, { required, post: { values: ["男", "女"] } }), raw, conf);
        return r.needsReview === r.reasons.length > 0 && new Set(r.reasons).size === r.reasons.length && r.raw === raw && r.confidence >= 0 && r.confidence <= 100;
      }),
    );
  });
});

describe("postProcess by type", () => {
  it("name: always confirmed, kanji untouched", () => {
    const r = postProcess(field("name"), "髙橋　﨑子", 99);
    expect(r).toMatchObject({ value: "髙橋 﨑子", needsReview: true, reasons: ["name_always_confirmed"] });
  });
  it("kana: katakana value, anything else not_kana", () => {
    expect(postProcess(field("kana"), "たかはし さきこ", 95)).toMatchObject({ value: "タカハシ サキコ", reasons: [] });
    expect(postProcess(field("kana"), "タカ橋", 95)).toMatchObject({ value: "タカ橋", reasons: ["not_kana"] });
  });
  it("kana: more than one gap (the recogniser split the words) is flagged, one gap is not", () => {
    expect(postProcess(field("kana"), "ミヤ ザキ キチ ノスケ", 95)).toMatchObject({ needsReview: true, reasons: ["spacing_uncertain"] });
    expect(postProcess(field("kana"), "ミヤザキ キチノスケ", 95)).toMatchObject({ needsReview: false, reasons: [] });
  });
  it("roman-name: canonical, digits flagged", () => {
    expect(postProcess(field("roman-name"), "nguyen ,van an", 95)).toMatchObject({ value: "NGUYEN, VAN AN", reasons: [] });
    expect(postProcess(field("roman-name"), "NGUYEN VAN 4N", 95).reasons).toEqual(["pattern_mismatch"]);
  });
  it("date-wareki: ISO value; impossible dates invalid; template bounds", () => {
    const f = field("date-wareki", { post: { minDate: "1900-01-01", maxDate: "2026-11-23" } });
    expect(postProcess(f, "昭和五十年三月四日", 95)).toMatchObject({ value: "1975-03-04", reasons: [] });
    expect(postProcess(f, "平成31年5月1日", 95)).toMatchObject({ value: null, reasons: ["invalid_date", "required_missing"] });
    expect(postProcess(f, "令和9年1月1日", 95)).toMatchObject({ value: "2027-01-01", reasons: ["date_out_of_range"] });
    expect(postProcess(f, "明治30年1月1日", 95)).toMatchObject({ value: "1897-01-01", reasons: ["date_out_of_range"] });
    expect(postProcess(f, "1975年3月4日", 95)).toMatchObject({ value: null, reasons: ["pattern_mismatch", "required_missing"] });
  });
  it("date-seireki and date", () => {
    expect(postProcess(field("date-seireki"), "１９７５年３月４日", 95)).toMatchObject({ value: "1975-03-04", reasons: [] });
    expect(postProcess(field("date"), "S50.3.4", 95)).toMatchObject({ value: "1975-03-04", reasons: [] });
    expect(postProcess(field("date"), "2023/2/29", 95)).toMatchObject({ value: null, reasons: ["invalid_date", "required_missing"] });
  });
  it("address: canonical form", () => {
    expect(postProcess(field("address"), "東京都千代田区霞が関一丁目二番三号", 95)).toMatchObject({ value: "東京都千代田区霞が関1丁目2番3号", reasons: [] });
  });
  it("number: OCR noise removed, check digit verified", () => {
    const f = field("number", { post: { pattern: "^\\d{12}$", checkDigit: "mynumber" } });
    expect(postProcess(f, "|1234 5678 9O18_", 95)).toMatchObject({ value: "123456789018", reasons: [] });
    expect(postProcess(f, "1234 5678 9017", 95)).toMatchObject({ value: "123456789017", reasons: ["check_digit_failed"] });
    expect(postProcess(f, "1234 5678 901", 95).reasons).toEqual(["check_digit_failed", "pattern_mismatch"]);
    expect(postProcess(field("number"), "12ー34", 95)).toMatchObject({ value: "12-34", reasons: [] });
    expect(postProcess(field("number"), "12三4", 95).reasons).toEqual(["pattern_mismatch"]);
  });
  it("normaliseNumber maps the look-alike letters OCR puts for digits", () => {
    expect(normaliseNumber("１２ＯｌI｜")).toBe("12011");
  });
  it("code: 在留カード番号 pattern", () => {
    const f = field("code", { post: { pattern: "^[A-Z]{2}\\d{8}[A-Z]{2}$" } });
    expect(postProcess(f, "ａｂ 1234 5678 ｃｄ", 95)).toMatchObject({ value: "AB12345678CD", reasons: [] });
    // O where a digit must be: spelt 0, flagged; a code no look-alike swap fits stays as read, flagged.
    expect(postProcess(f, "AB1234567OCD", 95)).toMatchObject({ value: "AB12345670CD", reasons: ["text_repaired"] });
    expect(postProcess(f, "AB1234567XCD", 95).reasons).toEqual(["pattern_mismatch"]);
  });
  it("enum: exact, corrected (flagged), unknown", () => {
    const f = field("enum", { post: { values: ["世帯主", "妻", "夫", "子"] } });
    expect(postProcess(f, "世帯主", 95)).toMatchObject({ value: "世帯主", reasons: [] });
    expect(postProcess(f, "世帶主", 95)).toMatchObject({ value: "世帯主", reasons: ["enum_corrected"] });
    expect(postProcess(f, "妾", 95)).toMatchObject({ value: null, reasons: ["unknown_enum_value", "required_missing"] });
    // A listed value with marks is matched without them and answered as listed.
    const status = field("enum", { post: { values: ["技術・人文知識・国際業務", "家族滞在", "定住者"] } });
    expect(postProcess(status, "技術 人文知識 国際業務", 95)).toMatchObject({ value: "技術・人文知識・国際業務", reasons: [] });
    expect(postProcess(status, "家族沼在", 95)).toMatchObject({ value: "家族滞在", reasons: ["enum_corrected"] });
  });
});

describe("review reasons", () => {
  it("every reason in REVIEW_REASONS has a Japanese and an English label, and no label is missing a reason", () => {
    expect(Object.keys(REVIEW_REASON_LABELS).sort()).toEqual([...REVIEW_REASONS].sort());
    for (const r of REVIEW_REASONS) expect(REVIEW_REASON_LABELS[r].ja.length * REVIEW_REASON_LABELS[r].en.length).toBeGreaterThan(0);
  });
});
