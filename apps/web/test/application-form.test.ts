import { describe, expect, it } from "vitest";
import type { Procedure } from "../src/api-types.ts";
import { extraAnswerText } from "../src/extra-answer.ts";
import {
  arrangeFieldErrors,
  emptyForm,
  extraFieldHelp,
  extraTextSize,
  formFieldIds,
  normaliseFieldPath,
  toPrepareBody,
} from "../src/pages/apply/application-form.ts";

const procedure: Procedure = {
  id: "kazei",
  name: { ja: "所得・課税証明書", en: "Income certificate" },
  description: { ja: "", en: "" },
  feePerCopy: 300,
  maxCopies: 5,
  deliveryMethodIds: ["post"],
  extraFields: [
    { key: "fiscalYear", label: { ja: "年度", en: "Year" }, kind: "select", options: [], required: true },
    { key: "purpose", label: { ja: "使用目的", en: "Purpose" }, kind: "select", options: [], required: false },
  ],
  requiredFields: ["name"],
  fieldHelp: {},
  requiresSignature: false,
};

describe("the application form model", () => {
  it("uses exactly the documented input names, in form order", () => {
    expect(formFieldIds(procedure)).toEqual([
      "applicant.name",
      "applicant.nameKana",
      "applicant.postalCode",
      "applicant.address",
      "applicant.dateOfBirth",
      "applicant.phone",
      "applicant.email",
      "request.copies",
      "request.deliveryMethodId",
      "request.extra.fiscalYear",
      "request.extra.purpose",
    ]);
  });

  it("starts with one copy, the only delivery method chosen, and every extra answer empty", () => {
    const form = emptyForm(procedure);
    expect(form.copies).toBe("1");
    expect(form.deliveryMethodId).toBe("post");
    expect(form.extra).toEqual({ fiscalYear: "", purpose: "" });
    expect(emptyForm({ ...procedure, deliveryMethodIds: ["post", "express"] }).deliveryMethodId).toBe("");
  });

  it("sends copies as typed (full-width digits are the server's to normalise)", () => {
    const form = { ...emptyForm(procedure), copies: "２" };
    const body = toPrepareBody("kazei", "ja", "k".repeat(32), form);
    expect(body.request.copies).toBe("２");
    expect(body).toMatchObject({ procedureId: "kazei", locale: "ja", submissionKey: "k".repeat(32) });
  });

  it.each([
    ["applicant.name", "applicant.name"],
    ["/applicant/name", "applicant.name"],
    ["name", "applicant.name"],
    ["copies", "request.copies"],
    ["extra.fiscalYear", "request.extra.fiscalYear"],
    ["request.extra.fiscalYear", "request.extra.fiscalYear"],
    ["procedureId", "procedureId"],
  ])("normalises the field path %s to %s", (field, id) => {
    expect(normaliseFieldPath(field)).toBe(id);
  });

  it("shows every error: under its field, and in the summary in form order, unknown paths last", () => {
    const arranged = arrangeFieldErrors(
      [
        { field: "request.copies", code: "out_of_range", message: "1から5まで" },
        { field: "procedureId", code: "unknown_procedure", message: "手続きがありません" },
        { field: "applicant.name", code: "required", message: "入力してください" },
        { field: "applicant.name", code: "too_long", message: "長すぎます" },
        { field: "request.extra.fiscalYear", code: "required", message: "選んでください" },
      ],
      formFieldIds(procedure),
    );
    expect(arranged.byField.get("applicant.name")).toEqual(["入力してください", "長すぎます"]);
    expect(arranged.byField.get("request.copies")).toEqual(["1から5まで"]);
    expect(arranged.summary.map((s) => s.targetId)).toEqual([
      "applicant.name",
      "applicant.name",
      "request.copies",
      "request.extra.fiscalYear",
      null,
    ]);
    expect(arranged.summary.at(-1)?.message).toBe("手続きがありません");
  });
});

describe("a text question (S6)", () => {
  const submitTo = {
    key: "submitTo",
    label: { ja: "提出先", en: "Submitted to" },
    kind: "text",
    maxLength: 50,
    required: false,
    help: { ja: "証明書の提出先（例：○○銀行）。任意です。", en: "Where you will submit the certificate (e.g. a bank). Optional." },
  } as const;
  const withText: Procedure = { ...procedure, extraFields: [...procedure.extraFields, submitTo] };

  it("has an input named request.extra.<key>, after the select questions, starting empty", () => {
    expect(formFieldIds(withText).slice(-3)).toEqual(["request.extra.fiscalYear", "request.extra.purpose", "request.extra.submitTo"]);
    expect(emptyForm(withText).extra).toEqual({ fiscalYear: "", purpose: "", submitTo: "" });
  });

  it("sends the answer as typed: spaces and full-width letters are the server's to tidy", () => {
    const form = { ...emptyForm(withText), extra: { fiscalYear: "2026", purpose: "", submitTo: " ＡＢＣ銀行　本店 " } };
    expect(toPrepareBody("kazei", "ja", "k".repeat(32), form).request.extra).toEqual({ fiscalYear: "2026", purpose: "", submitTo: " ＡＢＣ銀行　本店 " });
  });

  it("puts a server error under the text input", () => {
    const arranged = arrangeFieldErrors(
      [{ field: "request.extra.submitTo", code: "too_long", message: "提出先は50文字以内で入力してください" }],
      formFieldIds(withText),
    );
    expect(arranged.byField.get("request.extra.submitTo")).toEqual(["提出先は50文字以内で入力してください"]);
    expect(arranged.summary).toEqual([{ targetId: "request.extra.submitTo", message: "提出先は50文字以内で入力してください" }]);
  });

  it("tells the limit under a text question, after the catalog's help", () => {
    expect(extraFieldHelp(submitTo, "ja")).toBe("証明書の提出先（例：○○銀行）。任意です。50文字以内で入力してください。");
    expect(extraFieldHelp(submitTo, "en")).toBe("Where you will submit the certificate (e.g. a bank). Optional. Up to 50 characters.");
    const { help: _help, ...withoutHelp } = submitTo;
    expect(extraFieldHelp({ ...withoutHelp, maxLength: 8 }, "ja")).toBe("8文字以内で入力してください。");
    // A select question has only the catalog's help, or none.
    expect(extraFieldHelp({ ...procedure.extraFields[0]!, help: { ja: "年度です。", en: "The year." } }, "en")).toBe("The year.");
    expect(extraFieldHelp(procedure.extraFields[0]!, "ja")).toBeNull();
  });

  it("sizes the input by its limit", () => {
    expect([1, 8, 9, 20, 21, 50, 200].map(extraTextSize)).toEqual(["short", "short", "medium", "medium", "long", "long", "long"]);
  });

  it("shows a text answer as typed, and a select answer by its option's label", () => {
    const pickJa = (t: { ja: string; en: string }) => t.ja;
    const purpose = {
      key: "purpose",
      label: { ja: "使用目的", en: "Purpose" },
      kind: "select",
      options: [{ value: "loan", label: { ja: "融資・ローン", en: "Loan" } }],
      required: true,
    } as const;
    expect(extraAnswerText(submitTo, "ＡＢＣ銀行　本店", pickJa)).toBe("ＡＢＣ銀行　本店");
    // A text answer that happens to equal an option value of another question is still shown as typed.
    expect(extraAnswerText(submitTo, "loan", pickJa)).toBe("loan");
    expect(extraAnswerText(purpose, "loan", pickJa)).toBe("融資・ローン");
    expect(extraAnswerText(purpose, "gone", pickJa)).toBe("gone");
    expect(extraAnswerText(undefined, "loan", pickJa)).toBe("loan");
  });
});
