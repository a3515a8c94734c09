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

  it("reads well for a text question: 入力, its maximum, and what is wrong with a tab or a line break", () => {
    const submitTo = "request.extra.submitTo";
    expect(fieldErrorMessage({ field: submitTo, code: "required" }, "ja", procedure)).toBe("提出先を入力してください");
    expect(fieldErrorMessage({ field: submitTo, code: "required" }, "en", procedure)).toBe("Submitted to is required");
    expect(fieldErrorMessage({ field: submitTo, code: "too_long", params: { max: 50 } }, "ja", procedure)).toBe("提出先は50文字以内で入力してください");
    expect(fieldErrorMessage({ field: submitTo, code: "too_long", params: { max: 50 } }, "en", procedure)).toBe("Submitted to must be at most 50 characters");
    const control = { field: submitTo, code: "invalid_type", params: { reason: "control_character" } } as const;
    expect(fieldErrorMessage(control, "ja", procedure)).toBe("提出先に改行やタブなどの使えない文字が含まれています。1行で入力してください");
    expect(fieldErrorMessage(control, "en", procedure)).toBe(
      "Submitted to contains characters that cannot be used, such as line breaks or tabs. Write it on one line",
    );
    expect(fieldErrorMessage({ field: submitTo, code: "invalid_type" }, "ja", procedure)).toBe("提出先の形式が正しくありません");
    // The select questions beside it still say 選択.
    expect(fieldErrorMessage({ field: "request.extra.purpose", code: "required" }, "ja", procedure)).toBe("使用目的を選択してください");
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
