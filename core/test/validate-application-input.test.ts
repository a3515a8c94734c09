import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  fieldErrorMessage,
  formatWareki,
  isoToWareki,
  ProcedureId,
  toFullWidthDigits,
  validateApplicationInput,
  yen,
  type FieldError,
  type ProcedureCatalog,
} from "../src/index.ts";
import { must, shippedCatalog } from "./fixtures.ts";

const catalog = shippedCatalog();
/** 2026-11-23 10:00 in Japan. */
const today = new Date("2026-11-23T01:00:00Z");

const validBody = () => ({
  procedureId: "shotoku-kazei",
  locale: "ja",
  submissionKey: "sub_0123456789abcdef",
  applicant: {
    name: "見本 太郎",
    nameKana: "みほん たろう",
    postalCode: "123-4567",
    address: "みほん市本町１－２－３",
    dateOfBirth: "昭和50年3月4日",
    phone: "03-1234-5678",
    email: "taro@example.jp",
  },
  request: { copies: "２", deliveryMethodId: "express", extra: { fiscalYear: "2026", purpose: "loan" } },
});
type Body = ReturnType<typeof validBody>;

const fieldsOf = (raw: unknown, cat: ProcedureCatalog = catalog): readonly FieldError[] =>
  validateApplicationInput(raw, cat, today).match(
    () => [],
    (e) => e.fields,
  );
const codesOf = (raw: unknown, cat?: ProcedureCatalog) => fieldsOf(raw, cat).map((f) => `${f.field}:${f.code}`);
const withApplicant = (patch: Partial<Body["applicant"]>): Body => {
  const b = validBody();
  return { ...b, applicant: { ...b.applicant, ...patch } };
};
const withRequest = (patch: Record<string, unknown>) => {
  const b = validBody();
  return { ...b, request: { ...b.request, ...patch } };
};

describe("validateApplicationInput: a valid body", () => {
  it("is normalised: kana, half-width digits, ISO date, copies as a number", () => {
    const v = validateApplicationInput(validBody(), catalog, today)._unsafeUnwrap();
    expect(v.procedure.id).toBe("shotoku-kazei");
    expect(v.deliveryMethod.id).toBe("express");
    expect(v.locale).toBe("ja");
    expect(v.submissionKey).toBe("sub_0123456789abcdef");
    expect(v.applicant).toEqual({
      name: "見本 太郎",
      nameKana: "ミホン\u3000タロウ",
      postalCode: "1234567",
      address: "みほん市本町1-2-3",
      dateOfBirth: "1975-03-04",
      phone: "0312345678",
      email: "taro@example.jp",
    });
    expect(v.request).toEqual({ copies: 2, deliveryMethodId: "express", extra: { fiscalYear: "2026", purpose: "loan" } });
  });

  it("keeps kanji as typed (no NFKC on names)", () => {
    const name = "\uFA10本 髙﨑 𠮷";
    expect(validateApplicationInput(withApplicant({ name }), catalog, today)._unsafeUnwrap().applicant.name).toBe(name);
  });

  it("accepts half-width katakana furigana, full-width postal code and phone, ISO date of birth, numeric copies", () => {
    const body = withApplicant({ nameKana: "ﾐﾎﾝ ﾀﾛｳ", postalCode: "１２３４５６７", phone: "０９０ー１２３４ー５６７８", dateOfBirth: "1975/3/4" });
    const v = validateApplicationInput({ ...body, request: { ...body.request, copies: 10 } }, catalog, today)._unsafeUnwrap();
    expect([v.applicant.nameKana, v.applicant.postalCode, v.applicant.phone, v.applicant.dateOfBirth, v.request.copies]).toEqual([
      "ミホン\u3000タロウ",
      "1234567",
      "09012345678",
      "1975-03-04",
      10,
    ]);
  });

  it("accepts a date of birth of today in Japan even when it is still yesterday in UTC", () => {
    const lateEvening = new Date("2026-11-22T16:00:00Z"); // 2026-11-23 01:00 JST
    expect(validateApplicationInput(withApplicant({ dateOfBirth: "2026-11-23" }), catalog, lateEvening).isOk()).toBe(true);
  });
});

describe("validateApplicationInput: refused fields", () => {
  it("lists every refused field at once", () => {
    const body = {
      procedureId: "shotoku-kazei",
      locale: "fr",
      submissionKey: "short",
      applicant: { name: "", nameKana: "見本", postalCode: "12-34567", address: "x".repeat(201), dateOfBirth: "2月30日", phone: "12345", email: "taro@" },
      request: { copies: "二", deliveryMethodId: "drone", extra: { fiscalYear: "1999", colour: "red" } },
    };
    expect(codesOf(body)).toEqual([
      "locale:unknown_option",
      "submissionKey:invalid_submission_key",
      "applicant.name:required",
      "applicant.nameKana:not_kana",
      "applicant.postalCode:invalid_postal_code",
      "applicant.address:too_long",
      "applicant.dateOfBirth:invalid_date",
      "applicant.phone:invalid_phone",
      "applicant.email:invalid_email",
      "request.copies:not_integer",
      "request.deliveryMethodId:unknown_option",
      "request.extra.fiscalYear:unknown_option",
      "request.extra.purpose:required",
      "request.extra.colour:unknown_field",
    ]);
  });

  it("gives params for range and length errors, never the value typed", () => {
    const fields = fieldsOf(withRequest({ copies: 11 })).concat(fieldsOf(withApplicant({ name: "山".repeat(101) })));
    expect(fields).toEqual([
      { field: "request.copies", code: "out_of_range", params: { min: 1, max: 10 } },
      { field: "applicant.name", code: "too_long", params: { max: 100 } },
    ]);
  });

  it.each([
    [{ copies: 0 }, "out_of_range"],
    [{ copies: "０" }, "out_of_range"],
    [{ copies: 1.5 }, "not_integer"],
    [{ copies: "1.5" }, "not_integer"],
    [{ copies: "-1" }, "not_integer"],
    [{ copies: "2通" }, "not_integer"],
    [{ copies: true }, "not_integer"],
    [{ copies: "" }, "required"],
    [{ copies: undefined }, "required"],
  ])("refuses copies %o (%s)", (patch, code) => {
    expect(codesOf(withRequest(patch))).toEqual([`request.copies:${code}`]);
  });

  it.each([
    ["phone", "03-1234-567", "invalid_phone"],
    ["phone", "090123456789", "invalid_phone"],
    ["postalCode", "1234-567", "invalid_postal_code"],
    ["postalCode", "123456", "invalid_postal_code"],
    ["email", "taro@example", "invalid_email"],
    ["email", "taro..x@example.jp", "invalid_email"],
    ["email", "taro @example.jp", "invalid_email"],
    ["email", `${"a".repeat(250)}@x.jp`, "too_long"],
    ["dateOfBirth", "2026-11-24", "future_date"],
    ["dateOfBirth", "令和9年1月1日", "future_date"],
    ["dateOfBirth", "平成31年5月1日", "invalid_date"],
    ["dateOfBirth", "1800-01-01", "out_of_range"],
    ["nameKana", "ミホン タロウ1", "not_kana"],
    ["nameKana", "ー", "not_kana"],
  ] as const)("refuses applicant.%s %s (%s)", (field, value, code) => {
    expect(codesOf(withApplicant({ [field]: value }))).toEqual([`applicant.${field}:${code}`]);
  });

  it("refuses text fields that are not text", () => {
    expect(codesOf(withApplicant({ phone: 312345678 as unknown as string }))).toEqual(["applicant.phone:invalid_type"]);
  });

  it("refuses an unknown or disabled procedure, still checking the rest", () => {
    expect(codesOf({ ...withApplicant({ email: "" }), procedureId: "nope" })).toEqual(["procedureId:unknown_procedure", "applicant.email:required"]);
    const disabled: ProcedureCatalog = { ...catalog, procedures: catalog.procedures.map((p) => ({ ...p, enabled: p.id !== "shotoku-kazei" })) };
    expect(codesOf(validBody(), disabled)).toEqual(["procedureId:procedure_disabled"]);
  });

  it("refuses a delivery method of the catalog that the procedure does not offer", () => {
    const limited: ProcedureCatalog = { ...catalog, procedures: catalog.procedures.map((p) => ({ ...p, deliveryMethodIds: ["standard"] })) };
    expect(codesOf(validBody(), limited)).toEqual(["request.deliveryMethodId:unknown_option"]);
  });

  it("refuses a body that is not an object, and reports missing parts field by field", () => {
    expect(codesOf("hello")).toEqual(["body:invalid_type"]);
    expect(codesOf([])).toEqual(["body:invalid_type"]);
    expect(codesOf({})).toEqual([
      "procedureId:required",
      "locale:required",
      "submissionKey:required",
      "applicant.email:required",
      "request.copies:required",
      "request.deliveryMethodId:required",
    ]);
    expect(codesOf({ ...validBody(), applicant: "x", request: [1] })).toEqual(["applicant:invalid_type", "request:invalid_type"]);
  });
});

describe("validateApplicationInput: configurable required fields (R4)", () => {
  const optionalCatalog: ProcedureCatalog = {
    ...catalog,
    procedures: [
      {
        ...must(catalog.procedures[0]),
        id: ProcedureId("free"),
        feePerCopy: yen(0),
        requiredFields: ["name"],
        extraFields: [
          {
            key: "note",
            label: { ja: "備考", en: "Note" },
            kind: "select",
            required: false,
            options: [{ value: "a", label: { ja: "あ", en: "A" } }],
          },
        ],
      },
    ],
  };

  it("lets optional fields be empty (they become \"\") but always requires email", () => {
    const body = {
      procedureId: "free",
      locale: "en",
      submissionKey: "k".repeat(16),
      applicant: { name: "Taro", email: "" },
      request: { copies: 1, deliveryMethodId: "standard" },
    };
    expect(codesOf(body, optionalCatalog)).toEqual(["applicant.email:required"]);
    const v = validateApplicationInput(
      { ...body, applicant: { ...body.applicant, email: "t@example.jp" } },
      optionalCatalog,
      today,
    )._unsafeUnwrap();
    expect(v.applicant).toEqual({ name: "Taro", nameKana: "", postalCode: "", address: "", dateOfBirth: "", phone: "", email: "t@example.jp" });
    expect(v.request.extra).toEqual({});
  });

  it("still checks the format of an optional field that is filled", () => {
    const body = {
      procedureId: "free",
      locale: "en",
      submissionKey: "k".repeat(16),
      applicant: { name: "Taro", email: "t@example.jp", phone: "12" },
      request: { copies: 1, deliveryMethodId: "standard", extra: { note: "b" } },
    };
    expect(codesOf(body, optionalCatalog)).toEqual(["applicant.phone:invalid_phone", "request.extra.note:unknown_option"]);
  });
});

describe("validateApplicationInput: text questions (S6)", () => {
  // The shipped 所得・課税証明書 asks 提出先 (submitTo): optional text, at most 50 characters.
  const withSubmitTo = (submitTo: unknown) => withRequest({ extra: { fiscalYear: "2026", purpose: "loan", submitTo } });
  const answerOf = (raw: unknown, cat: ProcedureCatalog = catalog) => validateApplicationInput(raw, cat, today)._unsafeUnwrap().request.extra;
  /** The shipped catalog with 提出先 required and at most `maxLength` characters. */
  const requiredText = (maxLength: number): ProcedureCatalog => ({
    ...catalog,
    procedures: catalog.procedures.map((p) =>
      p.id !== "shotoku-kazei"
        ? p
        : {
            ...p,
            extraFields: p.extraFields.map((f) => (f.key === "submitTo" ? { key: f.key, label: f.label, kind: "text" as const, maxLength, required: true } : f)),
          },
    ),
  });

  it("is asked by the shipped catalog", () => {
    expect(must(catalog.procedures.find((p) => p.id === "shotoku-kazei")).extraFields.find((f) => f.key === "submitTo")).toMatchObject({
      kind: "text",
      maxLength: 50,
      required: false,
    });
  });

  it("accepts an answer, trimmed but otherwise as typed: no width folding, no NFKC", () => {
    expect(answerOf(withSubmitTo("  みほん銀行　本店\u3000"))).toEqual({ fiscalYear: "2026", purpose: "loan", submitTo: "みほん銀行　本店" });
    for (const typed of ["ＡＢＣ銀行　１２３支店", "ｶﾌﾞｼｷｶﾞｲｼｬ", "㈱みほん", "\uFA10本 髙﨑 𠮷", "Caf\u0065\u0301"]) {
      expect(answerOf(withSubmitTo(typed)).submitTo).toBe(typed);
    }
  });

  it("leaves out an empty optional answer, and refuses an empty required one", () => {
    for (const empty of ["", "   ", "\u3000", null, undefined]) {
      expect(answerOf(withSubmitTo(empty))).toEqual({ fiscalYear: "2026", purpose: "loan" });
      expect(codesOf(withSubmitTo(empty), requiredText(50))).toEqual(["request.extra.submitTo:required"]);
    }
    expect(answerOf(withSubmitTo("銀行"), requiredText(50)).submitTo).toBe("銀行");
  });

  it("counts characters as code points: 𠮷 is one", () => {
    expect(answerOf(withSubmitTo("𠮷".repeat(50))).submitTo).toBe("𠮷".repeat(50));
    expect(answerOf(withSubmitTo(` ${"あ".repeat(50)} `)).submitTo).toBe("あ".repeat(50));
    expect(fieldsOf(withSubmitTo("𠮷".repeat(51)))).toEqual([{ field: "request.extra.submitTo", code: "too_long", params: { max: 50 } }]);
    expect(fieldsOf(withSubmitTo("abcdef"), requiredText(5))).toEqual([{ field: "request.extra.submitTo", code: "too_long", params: { max: 5 } }]);
  });

  it.each([
    ["a line break", "みほん\n銀行"],
    ["a carriage return", "みほん\r\n銀行"],
    ["a tab", "みほん\t銀行"],
    ["NUL", "みほん\u0000銀行"],
    ["ESC", "\u001b[31m銀行"],
    ["DEL", "銀行\u007f"],
    ["a C1 control", "銀行\u0085本店"],
    ["a line separator", "銀行\u2028本店"],
    ["a lone surrogate", "銀行\uD842"],
  ])("refuses %s inside the answer", (_what, typed) => {
    expect(fieldsOf(withSubmitTo(typed))).toEqual([{ field: "request.extra.submitTo", code: "invalid_type", params: { reason: "control_character" } }]);
  });

  it("trims line breaks and tabs at the ends rather than refusing them", () => {
    expect(answerOf(withSubmitTo("\t銀行\r\n")).submitTo).toBe("銀行");
  });

  it("refuses an answer that is not a string, and still refuses keys the procedure does not ask", () => {
    expect(codesOf(withSubmitTo(42))).toEqual(["request.extra.submitTo:invalid_type"]);
    expect(codesOf(withSubmitTo(["銀行"]))).toEqual(["request.extra.submitTo:invalid_type"]);
    expect(codesOf(withRequest({ extra: { fiscalYear: "2026", purpose: "loan", submitto: "銀行" } }))).toEqual(["request.extra.submitto:unknown_field"]);
    const juminhyo = { ...validBody(), procedureId: "juminhyo", request: { copies: 1, deliveryMethodId: "express", extra: { submitTo: "銀行" } } };
    expect(codesOf(juminhyo)).toEqual(["request.extra.submitTo:unknown_field"]);
  });

  it("still folds the width of select values only", () => {
    expect(answerOf(withRequest({ extra: { fiscalYear: "２０２６", purpose: "loan", submitTo: "２０２６年度分" } }))).toEqual({
      fiscalYear: "2026",
      purpose: "loan",
      submitTo: "２０２６年度分",
    });
  });

  const controls = /[\p{Cc}\u2028\u2029]/u;
  const codePoint = fc.string({ unit: "binary", minLength: 1, maxLength: 1 }).filter((c) => !controls.test(c));

  it("accepts any answer of at most maxLength characters without control characters, unchanged but for trimming (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }).chain((max) => fc.tuple(fc.constant(max), fc.array(codePoint, { maxLength: max }))), ([max, chars]) => {
        const typed = chars.join("");
        const fields = fieldsOf(withSubmitTo(typed), requiredText(max));
        if (typed.trim() === "") expect(fields.map((f) => f.code)).toEqual(["required"]);
        else expect(answerOf(withSubmitTo(typed), requiredText(max)).submitTo).toBe(typed.trim());
      }),
    );
  });

  it("refuses exactly the answers that are too long or hold a control character (property)", () => {
    const anyChar = fc.oneof(codePoint, fc.constantFrom("\n", "\t", "\u0000", "\u007f", "\u2029", " "));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.array(anyChar, { maxLength: 30 }), (max, chars) => {
        const typed = chars.join("");
        const trimmed = typed.trim();
        const expected = trimmed === "" ? "required" : controls.test(trimmed) ? "invalid_type" : [...trimmed].length > max ? "too_long" : "accepted";
        const fields = fieldsOf(withSubmitTo(typed), requiredText(max));
        expect(fields.length === 0 ? "accepted" : fields.map((f) => f.code).join()).toBe(expected);
      }),
    );
  });
});

/** Valid bodies whose digits can be written either way. */
const validBodies = fc
  .record({
    postal: fc.stringMatching(/^\d{3}-?\d{4}$/),
    phone: fc.stringMatching(/^0\d{1,4}-\d{1,4}-\d{4}$/).filter((s) => s.replace(/-/g, "").length >= 10 && s.replace(/-/g, "").length <= 11),
    dob: fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2026-11-22T00:00:00Z"), noInvalidDate: true }),
    dobStyle: fc.constantFrom("iso", "kanji", "letter"),
    copies: fc.integer({ min: 1, max: 10 }),
    block: fc.integer({ min: 1, max: 99 }),
    fiscalYear: fc.constantFrom("2026", "2025", "2024"),
  })
  .map((r) => {
    const iso = r.dob.toISOString().slice(0, 10);
    const dateOfBirth = r.dobStyle === "iso" ? iso : formatWareki(isoToWareki(iso)._unsafeUnwrap(), r.dobStyle === "kanji" ? "kanji" : "letter");
    const b = validBody();
    return {
      ...b,
      applicant: { ...b.applicant, postalCode: r.postal, phone: r.phone, dateOfBirth, address: `みほん市本町${r.block}-2` },
      request: { ...b.request, copies: String(r.copies), extra: { fiscalYear: r.fiscalYear, purpose: "loan" } },
    };
  });

const fullWidthDigits = (b: Body): Body => ({
  ...b,
  applicant: {
    ...b.applicant,
    postalCode: toFullWidthDigits(b.applicant.postalCode),
    phone: toFullWidthDigits(b.applicant.phone),
    dateOfBirth: toFullWidthDigits(b.applicant.dateOfBirth),
    address: toFullWidthDigits(b.applicant.address),
  },
  request: { ...b.request, copies: toFullWidthDigits(b.request.copies), extra: { ...b.request.extra, fiscalYear: toFullWidthDigits(b.request.extra.fiscalYear) } },
});

describe("validateApplicationInput: date and number questions (S6)", () => {
  // The shipped 所得・課税証明書 with two more questions: the day a certificate is needed by, and how many persons.
  const withQuestions = (range: "past" | "future" | "any"): ProcedureCatalog => ({
    ...catalog,
    procedures: catalog.procedures.map((p) =>
      p.id !== "shotoku-kazei"
        ? p
        : {
            ...p,
            extraFields: [
              ...p.extraFields,
              { key: "neededBy", label: { ja: "必要な日", en: "Needed by" }, kind: "date" as const, range, required: true },
              { key: "persons", label: { ja: "人数", en: "Persons" }, kind: "number" as const, min: 1, max: 8, required: false },
            ],
          },
    ),
  });
  const withAnswers = (neededBy: unknown, persons?: unknown) =>
    withRequest({ extra: { fiscalYear: "2026", purpose: "loan", neededBy, ...(persons === undefined ? {} : { persons }) } });
  const answers = (raw: unknown, range: "past" | "future" | "any" = "any") => validateApplicationInput(raw, withQuestions(range), today)._unsafeUnwrap().request.extra;
  const codes = (raw: unknown, range: "past" | "future" | "any" = "any") => fieldsOf(raw, withQuestions(range)).map((f) => `${f.field}:${f.code}`);

  it("keeps a date typed in 和暦 or 西暦, full width or half, as ISO", () => {
    for (const typed of ["令和8年12月1日", "R8.12.1", "２０２６－１２－０１", "2026/12/1", " 20261201 "]) {
      expect(answers(withAnswers(typed)).neededBy).toBe("2026-12-01");
    }
  });

  it("refuses what is no real date, and a date outside the question's range of today (Japan's calendar)", () => {
    expect(codes(withAnswers("2026-02-30"))).toEqual(["request.extra.neededBy:invalid_date"]);
    expect(codes(withAnswers("来週"))).toEqual(["request.extra.neededBy:invalid_date"]);
    // `today` is 2026-11-23 10:00 in Japan.
    expect(answers(withAnswers("2026-11-23"), "past").neededBy).toBe("2026-11-23");
    expect(codes(withAnswers("2026-11-24"), "past")).toEqual(["request.extra.neededBy:future_date"]);
    expect(answers(withAnswers("2026-11-23"), "future").neededBy).toBe("2026-11-23");
    expect(codes(withAnswers("2026-11-22"), "future")).toEqual(["request.extra.neededBy:past_date"]);
    expect(codes(withAnswers(""))).toEqual(["request.extra.neededBy:required"]);
  });

  it("keeps a whole number in its bounds as ASCII digits; refuses fractions, words and numbers outside", () => {
    expect(answers(withAnswers("2026-12-01", "３")).persons).toBe("3");
    expect(answers(withAnswers("2026-12-01", " 08 ")).persons).toBe("8");
    expect(answers(withAnswers("2026-12-01", "")).persons).toBeUndefined();
    for (const typed of ["1.5", "三", "1e1", "0x3", "--1"]) expect(codes(withAnswers("2026-12-01", typed))).toEqual(["request.extra.persons:not_integer"]);
    expect(fieldsOf(withAnswers("2026-12-01", "9"), withQuestions("any"))).toEqual([{ field: "request.extra.persons", code: "out_of_range", params: { min: 1, max: 8 } }]);
    expect(codes(withAnswers("2026-12-01", "0"))).toEqual(["request.extra.persons:out_of_range"]);
  });

  it("says what is wrong in both languages, naming the question", () => {
    const [future] = fieldsOf(withAnswers("2026-11-22"), withQuestions("future"));
    const procedure = withQuestions("future").procedures.find((p) => p.id === "shotoku-kazei");
    expect(fieldErrorMessage(must(future), "ja", procedure)).toBe("必要な日に過去の日付は入力できません（今日以降の日付を入力してください）");
    expect(fieldErrorMessage(must(future), "en", procedure)).toBe("Needed by cannot be in the past (give today or a later date)");
  });
});

describe("validateApplicationInput (properties)", () => {
  it("validates full-width digits to the same result as half-width digits", () => {
    fc.assert(
      fc.property(validBodies, (body) => {
        const half = validateApplicationInput(body, catalog, today);
        expect(half.isOk()).toBe(true);
        expect(validateApplicationInput(fullWidthDigits(body), catalog, today)).toEqual(half);
      }),
    );
  });

  it("never throws, whatever the body, and always answers with a result", () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withObjectString: true, withMap: true, withSet: true, withBigInt: true, withDate: true }), (raw) => {
        const r = validateApplicationInput(raw, catalog, today);
        expect(r.isOk() || r.error.fields.length > 0).toBe(true);
      }),
    );
  });

  it("never throws on bodies that look almost right", () => {
    const b = validBody();
    const value = fc.anything({ maxDepth: 2 });
    const almost = fc.record({
      procedureId: fc.oneof(fc.constant(b.procedureId), value),
      locale: fc.oneof(fc.constant("ja"), value),
      submissionKey: fc.oneof(fc.constant(b.submissionKey), value),
      applicant: fc.oneof(fc.dictionary(fc.constantFrom(...Object.keys(b.applicant)), fc.oneof(fc.string(), value)), value),
      request: fc.oneof(
        fc.record({ copies: value, deliveryMethodId: fc.oneof(fc.constant("express"), value), extra: fc.oneof(fc.dictionary(fc.string(), value), value) }),
        value,
      ),
    });
    fc.assert(
      fc.property(almost, (raw) => {
        const r = validateApplicationInput(raw, catalog, today);
        expect(r.isOk() || r.error.fields.length > 0).toBe(true);
      }),
    );
  });
});
