import type { DateExtraField, NumberExtraField } from "@madoguchi/core";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { Procedure } from "../src/api-types.ts";
import { extraAnswerText } from "../src/extra-answer.ts";
import { I18nProvider } from "../src/i18n/i18n-context.tsx";
import { ApplicationFields } from "../src/pages/apply/application-fields.tsx";
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

const movedInOn: DateExtraField = { key: "movedInOn", label: { ja: "転入日", en: "Moving-in date" }, kind: "date", range: "past", required: true };
const neededBy: DateExtraField = { key: "neededBy", label: { ja: "提出期限", en: "Needed by" }, kind: "date", range: "future", required: false };
const anyDay: DateExtraField = { key: "anyDay", label: { ja: "日付", en: "Date" }, kind: "date", range: "any", required: false };
const dependents: NumberExtraField = { key: "dependents", label: { ja: "扶養親族の人数", en: "Dependants" }, kind: "number", min: 0, max: 20, required: false };

describe("date and number questions (S6): the server reads and checks the answers, the form says what it takes", () => {
  const withQuestions: Procedure = { ...procedure, extraFields: [...procedure.extraFields, movedInOn, neededBy, dependents] };

  it("tells a date question's notations and range under the input", () => {
    expect(extraFieldHelp(movedInOn, "ja")).toBe("和暦（例: 令和7年4月1日）でも西暦（例: 2025-04-01）でも入力できます。今日以前の日付を入力してください。");
    expect(extraFieldHelp(neededBy, "ja")).toBe("和暦（例: 令和7年4月1日）でも西暦（例: 2025-04-01）でも入力できます。今日以降の日付を入力してください。");
    expect(extraFieldHelp({ ...anyDay, help: { ja: "分かる範囲で。", en: "If you know it." } }, "en")).toBe(
      "If you know it. Western (e.g. 2025-04-01) or Japanese era dates (e.g. 令和7年4月1日) are both accepted.",
    );
  });

  it("tells a number question's bounds under the input", () => {
    expect(extraFieldHelp(dependents, "ja")).toBe("0〜20の数字で入力してください。");
    expect(extraFieldHelp(dependents, "en")).toBe("A whole number from 0 to 20.");
  });

  it("send the answers as typed: the server keeps the ISO date and the ASCII digits", () => {
    const form = { ...emptyForm(withQuestions), extra: { ...emptyForm(withQuestions).extra, movedInOn: "令和7年4月1日", dependents: "５" } };
    expect(toPrepareBody("kazei", "ja", "k".repeat(32), form).request.extra).toMatchObject({ movedInOn: "令和7年4月1日", dependents: "５" });
  });

  it("render a date as a text input with its notations, and a number with the numeric keypad", () => {
    const html = renderToStaticMarkup(
      createElement(
        I18nProvider,
        null,
        createElement(ApplicationFields, {
          procedure: withQuestions,
          catalog: { deliveryMethods: [{ id: "post", name: { ja: "普通郵便", en: "Ordinary mail" }, postage: 110 }] },
          values: emptyForm(withQuestions),
          onChange: () => undefined,
          errors: arrangeFieldErrors([{ field: "request.extra.dependents", code: "not_integer", message: "扶養親族の人数は数字で入力してください" }], formFieldIds(withQuestions)),
        }),
      ),
    );
    const dateInput = html.match(/<input[^>]*id="request\.extra\.movedInOn"[^>]*>/)?.[0] ?? "";
    expect(dateInput).toContain('type="text"');
    expect(dateInput).toContain('placeholder="例: 令和7年4月1日 または 2025-04-01"');
    expect(dateInput).toContain('aria-describedby="request.extra.movedInOn-help"');
    expect(html).toContain('<p id="request.extra.movedInOn-help" class="field__help">和暦（例: 令和7年4月1日）でも西暦（例: 2025-04-01）でも入力できます。今日以前の日付を入力してください。</p>');
    const numberInput = html.match(/<input[^>]*id="request\.extra\.dependents"[^>]*>/)?.[0] ?? "";
    expect(numberInput).toContain('inputMode="numeric"');
    expect(numberInput).toContain('aria-invalid="true"');
    expect(numberInput).toContain('aria-describedby="request.extra.dependents-error request.extra.dependents-help"');
    // The required marks as for every question: 転入日 is required, 提出期限 and the number are not.
    expect(html).toMatch(/for="request\.extra\.movedInOn">転入日<span class="badge badge--required">必須<\/span>/);
    expect(html).toMatch(/for="request\.extra\.neededBy">提出期限<span class="badge badge--optional">任意<\/span>/);
  });
});
