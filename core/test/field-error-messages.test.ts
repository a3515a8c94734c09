import { describe, expect, it } from "vitest";
import { FIELD_ERROR_CODES, FIELD_LABELS, fieldErrorMessage, fieldLabel, LOCALES, findProcedure } from "../src/index.ts";
import { shippedCatalog } from "./fixtures.ts";

const procedure = findProcedure(shippedCatalog(), "shotoku-kazei") ?? undefined;

describe("fieldErrorMessage", () => {
  it("speaks Japanese and English", () => {
    expect(fieldErrorMessage({ field: "applicant.nameKana", code: "not_kana" }, "ja")).toBe("ふりがなはカタカナまたはひらがなで入力してください");
    expect(fieldErrorMessage({ field: "applicant.nameKana", code: "not_kana" }, "en")).toBe(
      "Name reading (furigana) must be written in katakana or hiragana",
    );
    expect(fieldErrorMessage({ field: "request.copies", code: "out_of_range", params: { min: 1, max: 10 } }, "ja")).toBe(
      "通数は1から10までの範囲で入力してください",
    );
    expect(fieldErrorMessage({ field: "applicant.name", code: "too_long", params: { max: 100 } }, "en")).toBe("Name must be at most 100 characters");
  });

  it("says 選択 for choices and 入力 for typed fields", () => {
    expect(fieldErrorMessage({ field: "request.deliveryMethodId", code: "required" }, "ja")).toBe("郵送方法を選択してください");
    expect(fieldErrorMessage({ field: "applicant.email", code: "required" }, "ja")).toBe("メールアドレスを入力してください");
  });

  it("names extra questions by the procedure's label, or by key without a procedure", () => {
    expect(fieldErrorMessage({ field: "request.extra.fiscalYear", code: "required" }, "ja", procedure)).toBe("年度を選択してください");
    expect(fieldErrorMessage({ field: "request.extra.purpose", code: "unknown_option" }, "en", procedure)).toBe(
      "Purpose: choose one of the options",
    );
    expect(fieldLabel("request.extra.fiscalYear", "en")).toBe("fiscalYear");
  });

  it("has a non-empty message for every code in both languages, without unfilled placeholders", () => {
    for (const code of FIELD_ERROR_CODES) {
      for (const locale of LOCALES) {
        const message = fieldErrorMessage({ field: "applicant.name", code, params: { min: 1, max: 9 } }, locale);
        expect(message.length).toBeGreaterThan(5);
        expect(message).not.toMatch(/undefined|\$\{/);
      }
    }
  });

  it("labels every fixed field in both languages", () => {
    for (const label of Object.values(FIELD_LABELS)) expect(label.ja.length * label.en.length).toBeGreaterThan(0);
  });
});
