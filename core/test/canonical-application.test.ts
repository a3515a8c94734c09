import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calculateFee, canonicalApplicationJson, type CanonicalApplicationInput } from "../src/index.ts";
import { must, shippedCatalog } from "./fixtures.ts";

const catalog = shippedCatalog();
const base: CanonicalApplicationInput = {
  municipalityCode: "999999",
  procedureId: "shotoku-kazei",
  submissionKey: "key-0123456789abcdef",
  applicant: {
    name: "見本 太郎",
    nameKana: "ミホン\u3000タロウ",
    postalCode: "1234567",
    address: "みほん市本町1-2-3",
    dateOfBirth: "1975-03-04",
    phone: "0312345678",
    email: "taro@example.jp",
  },
  request: { copies: 2, deliveryMethodId: "standard", extra: { fiscalYear: "2026", purpose: "loan" } },
  fee: calculateFee(must(catalog.procedures[6]), must(catalog.deliveryMethods[0]), 2),
};

/** Rebuilds an object with its keys in reverse order, recursively (arrays keep their order). */
const reverseKeys = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(reverseKeys)
    : typeof v === "object" && v !== null
      ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverseKeys(x)]))
      : v;

describe("canonicalApplicationJson", () => {
  it("is the RFC 8785 form of the typed document: sorted keys, no whitespace, no fee labels", () => {
    const json = canonicalApplicationJson(base);
    expect(json).toBe(
      '{"applicant":{"address":"みほん市本町1-2-3","dateOfBirth":"1975-03-04","email":"taro@example.jp","name":"見本 太郎","nameKana":"ミホン\u3000タロウ","phone":"0312345678","postalCode":"1234567"},' +
        '"fee":{"lines":[{"amount":600,"kind":"certificate","quantity":2,"unitPrice":300},{"amount":110,"kind":"postage","quantity":1,"unitPrice":110}],"total":710},' +
        '"municipalityCode":"999999","procedureId":"shotoku-kazei",' +
        '"request":{"copies":2,"deliveryMethodId":"standard","extra":{"fiscalYear":"2026","purpose":"loan"}},' +
        '"submissionKey":"key-0123456789abcdef","type":"madoguchi.application/v1"}',
    );
  });

  it("does not depend on key order", () => {
    expect(canonicalApplicationJson(reverseKeys(base) as CanonicalApplicationInput)).toBe(canonicalApplicationJson(base));
  });

  it("ignores properties beyond the document (e.g. an application's other fields)", () => {
    const withMore = { ...base, applicant: { ...base.applicant, internalNote: "x" } } as CanonicalApplicationInput;
    expect(canonicalApplicationJson(withMore)).toBe(canonicalApplicationJson(base));
  });

  it("changes when any signed field changes (property)", () => {
    const original = canonicalApplicationJson(base);
    const text = fc.string({ minLength: 1, maxLength: 10 });
    const change = fc.oneof(
      text.map((t) => ({ ...base, municipalityCode: base.municipalityCode + t })),
      text.map((t) => ({ ...base, procedureId: base.procedureId + t })),
      text.map((t) => ({ ...base, submissionKey: base.submissionKey + t })),
      fc
        .tuple(fc.constantFrom(...(Object.keys(base.applicant) as (keyof CanonicalApplicationInput["applicant"])[])), text)
        .map(([k, t]) => ({ ...base, applicant: { ...base.applicant, [k]: base.applicant[k] + t } })),
      fc.integer({ min: 3, max: 10 }).map((n) => ({ ...base, request: { ...base.request, copies: n } })),
      text.map((t) => ({ ...base, request: { ...base.request, deliveryMethodId: base.request.deliveryMethodId + t } })),
      text.map((t) => ({ ...base, request: { ...base.request, extra: { ...base.request.extra, purpose: `loan${t}` } } })),
      text.map((t) => ({ ...base, request: { ...base.request, extra: { ...base.request.extra, [`k${t}`]: "v" } } })),
      fc.integer({ min: 711, max: 100_000 }).map((n) => ({ ...base, fee: { ...base.fee, total: n } })),
      fc.integer({ min: 0, max: 599 }).map((n) => {
        const [first, second] = base.fee.lines;
        return { ...base, fee: { ...base.fee, lines: [{ ...must(first), amount: n }, must(second)] } };
      }),
    ) as fc.Arbitrary<CanonicalApplicationInput>;
    fc.assert(
      fc.property(change, (changed) => {
        expect(canonicalApplicationJson(changed)).not.toBe(original);
      }),
    );
  });
});
