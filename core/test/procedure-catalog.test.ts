import { describe, expect, it } from "vitest";
import { decodeProcedureCatalog, findDeliveryMethod, findProcedure, type ExtraField, type SelectExtraField } from "../src/index.ts";
import { must, shippedCatalogJson } from "./fixtures.ts";

type Json = Record<string, any>;
const selectOf = (f: ExtraField | undefined): SelectExtraField | undefined => (f?.kind === "select" ? f : undefined);
const file = (): Json => shippedCatalogJson() as Json;
const issuesOf = (json: unknown) =>
  decodeProcedureCatalog(json).match(
    () => [],
    (e) => e.issues.map((i) => `${i.path}: ${i.message}`),
  );

describe("the shipped catalog (config/procedures.json)", () => {
  const decoded = decodeProcedureCatalog(shippedCatalogJson());

  it("decodes", () => {
    expect(decoded.isOk() ? "ok" : decoded.error.message).toBe("ok");
  });

  it("is みほん市 with the three delivery methods and their postage", () => {
    const catalog = decoded._unsafeUnwrap();
    expect(catalog.municipality).toEqual({ code: "999999", name: { ja: "みほん市", en: "Mihon City" } });
    expect(catalog.deliveryMethods.map((m) => [m.name.ja, m.postage])).toEqual([
      ["普通郵便", 110],
      ["速達", 410],
      ["簡易書留", 460],
    ]);
  });

  it("has the 8 certificates of R1 with their fees, and the 事後決済 closed registers", () => {
    const catalog = decoded._unsafeUnwrap();
    expect(catalog.procedures.map((p) => [p.id, p.feePerCopy])).toEqual([
      ["juminhyo", 300],
      ["inkan", 300],
      ["koseki", 450],
      ["koseki-fuhyo", 300],
      ["dokushin", 300],
      ["mibun", 300],
      ["shotoku-kazei", 300],
      ["nozei", 300],
      ["koseki-joseki", 750],
    ]);
    // Only the closed registers are paid after assessment (the number of copies is known after the search).
    expect(catalog.procedures.filter((p) => p.paymentTiming === "after_assessment").map((p) => p.id)).toEqual(["koseki-joseki"]);
    for (const p of catalog.procedures) {
      expect(p.maxCopies).toBe(10);
      expect(p.requiresSignature).toBe(true);
      expect(p.enabled).toBe(true);
      expect(p.requiredFields).toContain("email");
      expect(p.name.ja.length * p.name.en.length * p.description.ja.length * p.description.en.length).toBeGreaterThan(0);
    }
  });

  it("asks the fiscal year and the purpose, both required, for the two tax certificates", () => {
    const catalog = decoded._unsafeUnwrap();
    for (const id of ["shotoku-kazei", "nozei"]) {
      const p = must(findProcedure(catalog, id));
      expect(p.extraFields.slice(0, 2).map((f) => [f.key, f.kind, f.required])).toEqual([
        ["fiscalYear", "select", true],
        ["purpose", "select", true],
      ]);
      const [fiscalYear, purpose] = p.extraFields.map(selectOf);
      expect(must(fiscalYear).options.slice(0, 3).map((o) => [o.value, o.label.ja])).toEqual([
        ["2026", "令和8年度"],
        ["2025", "令和7年度"],
        ["2024", "令和6年度"],
      ]);
      expect(must(purpose).options.map((o) => o.label.ja)).toEqual(expect.arrayContaining(["児童手当", "保育園・幼稚園", "融資・ローン", "扶養", "その他"]));
    }
    expect(must(findProcedure(catalog, "juminhyo")).extraFields).toEqual([]);
  });

  it("asks the 所得・課税証明書's 提出先 as optional text of at most 50 characters", () => {
    const catalog = decoded._unsafeUnwrap();
    expect(must(findProcedure(catalog, "shotoku-kazei")).extraFields.map((f) => f.key)).toEqual(["fiscalYear", "purpose", "submitTo"]);
    expect(must(findProcedure(catalog, "shotoku-kazei")).extraFields[2]).toEqual({
      key: "submitTo",
      label: { ja: "提出先", en: "Submitted to" },
      kind: "text",
      maxLength: 50,
      required: false,
      help: { ja: "証明書の提出先（例：○○銀行）。任意です。", en: "Where you will submit the certificate (e.g. a bank). Optional." },
    });
    expect(must(findProcedure(catalog, "nozei")).extraFields.map((f) => f.key)).toEqual(["fiscalYear", "purpose"]);
  });
});

describe("decodeProcedureCatalog", () => {
  it("names the wrong entry by index and id", () => {
    const json = file();
    json.procedures[2].feePerCopy = -1;
    json.procedures[5].maxCopies = 0;
    json.procedures[1].feePerCopy = 300.5;
    expect(issuesOf(json)).toEqual([
      'procedures[1] ("inkan").feePerCopy: Expected an integer',
      'procedures[2] ("koseki").feePerCopy: Expected a value greater than or equal to 0',
      'procedures[5] ("mibun").maxCopies: Expected a value greater than or equal to 1',
    ]);
  });

  it("reports unknown keys (typos) and missing keys", () => {
    const json = file();
    json.procedures[0].feePerCoppy = 300;
    delete json.deliveryMethods[1].postage;
    delete json.procedures[6].extraFields[0].options[0].label.en;
    const issues = issuesOf(json);
    expect(issues).toContain('procedures[0] ("juminhyo").feePerCoppy: Expected no excess property');
    expect(issues).toContain('deliveryMethods[1] ("express").postage: Missing key');
    expect(issues).toContain('procedures[6] ("shotoku-kazei").extraFields[0] ("fiscalYear").options[0] ("2026").label.en: Missing key');
  });

  it("checks postage and the municipality code", () => {
    const json = file();
    json.deliveryMethods[0].postage = -110;
    json.municipality.code = "12345";
    expect(issuesOf(json)).toEqual([
      "municipality.code: Expected a string matching the RegExp ^\\d{6}$",
      'deliveryMethods[0] ("standard").postage: Expected a value greater than or equal to 0',
    ]);
  });

  it("rejects duplicate procedure ids, unknown delivery methods and duplicate option values", () => {
    const json = file();
    json.procedures[3].id = "juminhyo";
    json.procedures[4].deliveryMethodIds.push("drone");
    json.procedures[6].extraFields[0].options[1].value = "2026";
    json.procedures[7].extraFields[1].key = "fiscalYear";
    expect(issuesOf(json)).toEqual([
      'procedures[3] ("juminhyo").id: duplicate procedure id "juminhyo"',
      'procedures[4] ("dokushin").deliveryMethodIds[3]: unknown delivery method "drone" (known: standard, express, simple-registered)',
      'procedures[6] ("shotoku-kazei").extraFields[0] ("fiscalYear").options[1].value: duplicate option value "2026"',
      'procedures[7] ("nozei").extraFields[1] ("fiscalYear").key: duplicate extra field key "fiscalYear"',
    ]);
  });

  it("rejects duplicate delivery method ids, in the catalog and in a procedure", () => {
    const json = file();
    json.deliveryMethods[2].id = "standard";
    for (const p of json.procedures) p.deliveryMethodIds = ["standard", "express"];
    json.procedures[1].deliveryMethodIds = ["express", "express"];
    expect(issuesOf(json)).toEqual([
      'deliveryMethods[2] ("standard").id: duplicate delivery method id "standard"',
      'procedures[1] ("inkan").deliveryMethodIds[1]: duplicate delivery method id "express"',
    ]);
  });

  it("rejects a procedure without delivery methods and an extra field without options", () => {
    const json = file();
    json.procedures[0].deliveryMethodIds = [];
    json.procedures[6].extraFields[1].options = [];
    expect(issuesOf(json)).toEqual([
      'procedures[0] ("juminhyo").deliveryMethodIds: Expected a value with a length of at least 1',
      'procedures[6] ("shotoku-kazei").extraFields[1] ("purpose").options: Expected a value with a length of at least 1',
    ]);
  });

  describe("a text question", () => {
    const textQuestion = (patch: Json = {}): Json => ({
      key: "companyName",
      label: { ja: "勤務先", en: "Employer" },
      kind: "text",
      maxLength: 100,
      required: true,
      ...patch,
    });
    const withQuestion = (question: Json): Json => {
      const json = file();
      json.procedures[0].extraFields = [question];
      return json;
    };
    const at = 'procedures[0] ("juminhyo").extraFields[0] ("companyName")';

    it("decodes, with or without help, at the bounds of maxLength", () => {
      for (const patch of [{}, { help: { ja: "任意", en: "Optional" } }, { maxLength: 1 }, { maxLength: 200 }, { required: false }]) {
        const p = must(decodeProcedureCatalog(withQuestion(textQuestion(patch)))._unsafeUnwrap().procedures[0]);
        expect(p.extraFields).toEqual([textQuestion(patch)]);
      }
    });

    it.each([
      [{ maxLength: 0 }, `${at}.maxLength: Expected a value greater than or equal to 1`],
      [{ maxLength: 201 }, `${at}.maxLength: Expected a value less than or equal to 200`],
      [{ maxLength: 10.5 }, `${at}.maxLength: Expected an integer`],
      [{ maxLength: "50" }, `${at}.maxLength: Expected number`],
      [{ maxLength: undefined }, `${at}.maxLength: Missing key`],
      [{ options: [{ value: "a", label: { ja: "あ", en: "A" } }] }, `${at}.options: Expected no excess property`],
      [{ key: "1st" }, 'procedures[0] ("juminhyo").extraFields[0] ("1st").key: Expected a string matching the RegExp ^[A-Za-z][A-Za-z0-9_]{0,63}$'],
      [{ label: { ja: "勤務先" } }, `${at}.label.en: Missing key`],
      [{ kind: "textarea" }, `${at}: Expected an extra field of kind "select", "text", "date" or "number"`],
    ])("refuses %o, naming the field", (patch, issue) => {
      const question = textQuestion(patch);
      if ("maxLength" in patch && patch.maxLength === undefined) delete question.maxLength;
      expect(issuesOf(withQuestion(question))).toEqual([issue]);
    });

    it("decodes date questions (past, future, any) and number questions with their bounds", () => {
      const date = { key: "movedOn", label: { ja: "転居した日", en: "Moved on" }, kind: "date", range: "past", required: true };
      const count = { key: "persons", label: { ja: "人数", en: "Persons" }, kind: "number", min: 1, max: 8, required: false };
      for (const question of [date, { ...date, range: "future" }, { ...date, range: "any" }, count, { ...count, min: -1_000_000, max: 1_000_000 }]) {
        expect(must(decodeProcedureCatalog(withQuestion(question))._unsafeUnwrap().procedures[0]).extraFields).toEqual([question]);
      }
    });

    it("refuses a date question without a known range, and a number question whose bounds are not whole, too large or crossed", () => {
      const date = { key: "movedOn", label: { ja: "転居した日", en: "Moved on" }, kind: "date", range: "past", required: true };
      const count = { key: "persons", label: { ja: "人数", en: "Persons" }, kind: "number", min: 1, max: 8, required: false };
      const dateAt = 'procedures[0] ("juminhyo").extraFields[0] ("movedOn")';
      const countAt = 'procedures[0] ("juminhyo").extraFields[0] ("persons")';
      expect(issuesOf(withQuestion({ ...date, range: "someday" }))).toEqual([`${dateAt}.range: Expected "past" | "future" | "any"`]);
      expect(issuesOf(withQuestion({ ...count, max: 8.5 }))).toEqual([`${countAt}.max: Expected an integer`]);
      expect(issuesOf(withQuestion({ ...count, min: 1_000_001 }))).toEqual([`${countAt}.min: Expected a value less than or equal to 1000000`]);
      expect(issuesOf(withQuestion({ ...count, min: 9, max: 8 }))).toEqual([`${countAt}.max: max 8 is below min 9`]);
    });

    it("refuses maxLength on a select question, and a select question without options", () => {
      const json = file();
      json.procedures[6].extraFields[0].maxLength = 50;
      delete json.procedures[6].extraFields[1].options;
      expect(issuesOf(json)).toEqual([
        'procedures[6] ("shotoku-kazei").extraFields[0] ("fiscalYear").maxLength: Expected no excess property',
        'procedures[6] ("shotoku-kazei").extraFields[1] ("purpose").options: Missing key',
      ]);
    });

    it("shares the key namespace with select questions: a duplicate key is refused", () => {
      const json = file();
      json.procedures[6].extraFields[2].key = "purpose";
      expect(issuesOf(json)).toEqual(['procedures[6] ("shotoku-kazei").extraFields[2] ("purpose").key: duplicate extra field key "purpose"']);
    });
  });

  it("defaults extraFields, fieldHelp and enabled when they are left out", () => {
    const json = file();
    delete json.procedures[0].extraFields;
    delete json.procedures[0].fieldHelp;
    delete json.procedures[0].enabled;
    const p = must(decodeProcedureCatalog(json)._unsafeUnwrap().procedures[0]);
    expect([p.extraFields, p.fieldHelp, p.enabled]).toEqual([[], {}, true]);
  });

  it("rejects what is not a catalog at all", () => {
    expect(issuesOf(null)).toEqual(["(file): Expected object"]);
    expect(issuesOf("procedures")).toHaveLength(1);
    expect(decodeProcedureCatalog({})._unsafeUnwrapErr().code).toBe("catalog.invalid");
  });
});

describe("findProcedure / findDeliveryMethod", () => {
  const catalog = decodeProcedureCatalog(shippedCatalogJson())._unsafeUnwrap();
  it("finds by id and answers null for an unknown id", () => {
    expect(findProcedure(catalog, "koseki")?.name.ja).toBe("戸籍全部事項証明書・個人事項証明書");
    expect(findProcedure(catalog, "nope")).toBeNull();
    expect(findDeliveryMethod(catalog, "express")?.postage).toBe(410);
    expect(findDeliveryMethod(catalog, "nope")).toBeNull();
  });
});
