import { describe, expect, it } from "vitest";
import type { Procedure } from "../src/api-types.ts";
import {
  arrangeFieldErrors,
  emptyForm,
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
