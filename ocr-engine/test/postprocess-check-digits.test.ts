import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CHECK_DIGIT_VERIFIERS, isDrivingLicenceNumberShape, isValidJuminhyoCode, isValidMyNumber, juminhyoCodeCheckDigit, myNumberCheckDigit,
} from "../src/postprocess/check-digits.ts";
import { postProcess } from "../src/postprocess/post-process.ts";
import { CheckDigitSchema } from "../src/templates/template.schema.ts";
import type { TemplateField } from "../src/templates/template.ts";
import { fakeHousehold, fakeJuminhyoCode, fakeMyNumber } from "../src/synthetic/fake-residents.ts";
import { seededRandom } from "../src/synthetic/seeded-random.ts";

const digits = (n: number) => fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: n, maxLength: n });

/** Σ Pn·Qn mod 11 of a body, written out independently of the implementation (weights from the left). */
const remainder = (body: string, weightsFromLeft: readonly number[]) =>
  [...body].reduce((sum, d, i) => sum + Number(d) * weightsFromLeft[i]!, 0) % 11;
const JUMINHYO_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

describe("住民票コード 検査数字", () => {
  it("matches hand-computed examples", () => {
    // 1234567890: 1·5 + 2·4 + 3·3 + 4·2 + 5·7 + 6·6 + 7·5 + 8·4 + 9·3 + 0·2 = 195; 195 mod 11 = 8; 11 − 8 = 3.
    expect(juminhyoCodeCheckDigit("1234567890")).toBe(3);
    expect(isValidJuminhyoCode("12345678903")).toBe(true);
    // 2472705960 (from a public synthetic sample): 2·5 + 4·4 + 7·3 + 2·2 + 7·7 + 0·6 + 5·5 + 9·4 + 6·3 + 0·2 = 10+16+21+4+49+0+25+36+18+0 = 179; mod 11 = 3 → 8.
    expect(juminhyoCodeCheckDigit("2472705960")).toBe(8);
    // 0000000001: Σ = 2 → 9. 1000000000: Σ = 5 → 6.
    expect(juminhyoCodeCheckDigit("0000000001")).toBe(9);
    expect(juminhyoCodeCheckDigit("1000000000")).toBe(6);
    // Remainders 0 and 1 both give 0: 0000000000 (Σ = 0) and 0000000006 (Σ = 12, remainder 1).
    expect(juminhyoCodeCheckDigit("0000000000")).toBe(0);
    expect(juminhyoCodeCheckDigit("0000000006")).toBe(0);
  });

  it("rejects a wrong check digit, wrong lengths and non-digits", () => {
    expect(isValidJuminhyoCode("12345678904")).toBe(false);
    expect(isValidJuminhyoCode("1234567890")).toBe(false);
    expect(isValidJuminhyoCode("123456789030")).toBe(false);
    expect(isValidJuminhyoCode("1234567890A")).toBe(false);
    expect(() => juminhyoCodeCheckDigit("123456789")).toThrow(TypeError);
  });

  it("property: the computed digit verifies; any other final digit does not", () => {
    fc.assert(
      fc.property(digits(10), fc.integer({ min: 1, max: 9 }), (body, shift) => {
        const check = juminhyoCodeCheckDigit(body);
        return isValidJuminhyoCode(`${body}${check}`) && !isValidJuminhyoCode(`${body}${(check + shift) % 10}`);
      }),
    );
  });

  it("property: one changed body digit is caught, except when the remainder moves between 0 and 1 (both give 0)", () => {
    fc.assert(
      fc.property(digits(10), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), (body, at, shift) => {
        const code = `${body}${juminhyoCodeCheckDigit(body)}`;
        const changedBody = body.slice(0, at) + String((Number(body[at]) + shift) % 10) + body.slice(at + 1);
        const changed = `${changedBody}${code[10]}`;
        const blindSpot = remainder(body, JUMINHYO_WEIGHTS) <= 1 && remainder(changedBody, JUMINHYO_WEIGHTS) <= 1;
        return isValidJuminhyoCode(changed) === blindSpot;
      }),
      { numRuns: 2000 },
    );
    // The blind spot is real (the statutory formula maps remainders 0 and 1 to the same digit).
    expect(isValidJuminhyoCode("00000000000") && isValidJuminhyoCode("00000000060")).toBe(true);
  });
});

describe("個人番号 single-digit errors", () => {
  it("property: one changed digit of the first eleven is caught unless the remainder moves between 0 and 1", () => {
    const weights = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
    fc.assert(
      fc.property(digits(11), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 9 }), (body, at, shift) => {
        const changedBody = body.slice(0, at) + String((Number(body[at]) + shift) % 10) + body.slice(at + 1);
        const blindSpot = remainder(body, weights) <= 1 && remainder(changedBody, weights) <= 1;
        return isValidMyNumber(`${changedBody}${myNumberCheckDigit(body)}`) === blindSpot;
      }),
      { numRuns: 2000 },
    );
  });
});

describe("運転免許証番号", () => {
  it("is checked for shape only (no published check-digit formula)", () => {
    expect(isDrivingLicenceNumberShape("301234567890")).toBe(true);
    expect(isDrivingLicenceNumberShape("30123456789")).toBe(false);
    expect(isDrivingLicenceNumberShape("30123456789O")).toBe(false);
  });
});

describe("check-digit names", () => {
  it("every name the template schema accepts has a verifier", () => {
    expect(Object.keys(CHECK_DIGIT_VERIFIERS).sort()).toEqual([...CheckDigitSchema.literals].sort());
  });

  it("the post-processor flags a 住民票コード whose 検査数字 fails, and passes a valid one", () => {
    const field: TemplateField = {
      key: "members[].residentCode", label: { ja: "住民票コード", en: "Resident record code" }, region: { x: 0, y: 0, width: 1, height: 1 },
      type: "number", hints: {}, post: { pattern: "^\\d{11}$", checkDigit: "juminhyo-code" }, review: { minConfidence: 0, always: false }, required: true,
    };
    const good = postProcess(field, "１２３４５６７８９０３", 95);
    expect(good.value).toBe("12345678903");
    expect(good.reasons).not.toContain("check_digit_failed");
    expect(postProcess(field, "12345678904", 95).reasons).toContain("check_digit_failed");
  });
});

describe("synthetic numbers carry valid check digits", () => {
  it("fakeJuminhyoCode, the household members' codes and fakeMyNumber all verify", () => {
    const rng = seededRandom(7);
    for (let i = 0; i < 200; i++) {
      expect(isValidJuminhyoCode(fakeJuminhyoCode(rng))).toBe(true);
      expect(isValidMyNumber(fakeMyNumber(rng))).toBe(true);
    }
    for (let seed = 1; seed <= 20; seed++) for (const m of fakeHousehold(seed, { size: 5 }).members) expect(isValidJuminhyoCode(m.juminhyoCode)).toBe(true);
  });
});
