import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isJuminhyoCodeShape, isValidMyNumber, myNumberCheckDigit, ZAIRYU_CARD_NUMBER } from "../src/postprocess/check-digits.ts";
import { closestValue, editDistance } from "../src/postprocess/closest-value.ts";

describe("個人番号 check digit", () => {
  it("verifies numbers constructed by hand from the statutory formula", () => {
    // 12345678901: P1..P11 from the right = 1,0,9,8,7,6,5,4,3,2,1; Q = 2,3,4,5,6,7,2,3,4,5,6;
    // Σ = 2+0+36+40+42+42+10+12+12+10+6 = 212; 212 mod 11 = 3; check = 11 − 3 = 8.
    expect(myNumberCheckDigit("12345678901")).toBe(8);
    expect(isValidMyNumber("123456789018")).toBe(true);
    // 00000000001: Σ = 1·2 = 2 → 9. 00000000000: Σ = 0 → remainder ≤ 1 → 0.
    expect(isValidMyNumber("000000000019")).toBe(true);
    expect(isValidMyNumber("000000000000")).toBe(true);
    // 10000000000: P11 = 1, Q11 = 6 → Σ = 6 → 5. 00000500000: P6 = 5, Q6 = 7 → 35 mod 11 = 2 → 9.
    expect(myNumberCheckDigit("10000000000")).toBe(5);
    expect(myNumberCheckDigit("00000500000")).toBe(9);
    // Remainder 1 also gives 0: P1 = 6 → Σ = 12 → 1.
    expect(myNumberCheckDigit("00000000006")).toBe(0);
  });
  it("rejects wrong check digits and wrong lengths", () => {
    expect(isValidMyNumber("123456789017")).toBe(false);
    expect(isValidMyNumber("12345678901")).toBe(false);
    expect(isValidMyNumber("1234567890180")).toBe(false);
    expect(isValidMyNumber("12345678901A")).toBe(false);
  });
  it("throws on a programmer error (not 11 digits)", () => {
    expect(() => myNumberCheckDigit("123")).toThrow(TypeError);
  });
  it("property: the computed check digit verifies and every other final digit does not", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 11, maxLength: 11 }), fc.integer({ min: 1, max: 9 }), (body, shift) => {
        const check = myNumberCheckDigit(body);
        return isValidMyNumber(`${body}${check}`) && !isValidMyNumber(`${body}${(check + shift) % 10}`);
      }),
    );
  });
});

describe("住民票コード and 在留カード番号 shapes", () => {
  it("住民票コード is 11 digits (its check digit is not verified)", () => {
    expect(isJuminhyoCodeShape("12345678901")).toBe(true);
    expect(isJuminhyoCodeShape("1234567890")).toBe(false);
    expect(isJuminhyoCodeShape("1234567890A")).toBe(false);
  });
  it("在留カード番号 is two letters, eight digits, two letters", () => {
    expect(ZAIRYU_CARD_NUMBER.test("AB12345678CD")).toBe(true);
    expect(ZAIRYU_CARD_NUMBER.test("AB1234567OCD")).toBe(false);
  });
});

describe("closest allowed value", () => {
  const relationships = ["世帯主", "妻", "夫", "子", "長男", "長女", "父", "母"];
  it("counts edit distance in code points", () => {
    expect(editDistance("𠮷田", "吉田")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });
  it("takes an exact value as is", () => expect(closestValue("長男", relationships)).toEqual({ kind: "exact", value: "長男" }));
  it("corrects when one value is strictly closest", () =>
    expect(closestValue("世帶主", relationships)).toEqual({ kind: "corrected", value: "世帯主", distance: 1 }));
  it("refuses to choose between equally close values", () => {
    expect(closestValue("妾", relationships)).toEqual({ kind: "none" });
    expect(closestValue("長労", relationships)).toEqual({ kind: "none" });
  });
  it("refuses values too far from all", () => expect(closestValue("株式会社", ["男", "女"])).toEqual({ kind: "none" }));
  it("property: the answer is always one of the allowed values, and exact values are never corrected", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 4 }), fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }), (text, allowed) => {
        const r = closestValue(text, allowed);
        if (allowed.includes(text)) return r.kind === "exact";
        return r.kind === "none" || (r.kind === "corrected" && allowed.includes(r.value));
      }),
    );
  });
});
