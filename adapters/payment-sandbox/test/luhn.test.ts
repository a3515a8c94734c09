import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findLuhnValidPans, isLuhnValid, TEST_CARDS } from "../src/index.ts";

/** Appends the Luhn check digit to `body`. */
const withCheckDigit = (body: string): string => {
  for (let d = 0; d <= 9; d++) if (isLuhnValid(`${body}${d}`)) return `${body}${d}`;
  throw new Error("unreachable");
};

/** Luhn-valid card-like numbers: first digit 2–6, 13–19 digits. */
const panArb = fc
  .tuple(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 11, max: 17 }).chain((n) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n })))
  .map(([first, rest]) => withCheckDigit(`${first}${rest.join("")}`));

/** Text that cannot touch a digit run: letters, Japanese, punctuation. */
const noDigitsArb = fc.string({ unit: fc.constantFrom(..."abcXYZ 住民票の写し\n\t{}\":,.=_") });

describe("isLuhnValid", () => {
  it("accepts every test card and rejects them with the last digit changed", () => {
    for (const number of Object.values(TEST_CARDS)) {
      expect(isLuhnValid(number)).toBe(true);
      const last = Number(number.at(-1));
      expect(isLuhnValid(`${number.slice(0, -1)}${(last + 1) % 10}`)).toBe(false);
    }
  });

  it("rejects non-digits and the empty string", () => {
    expect(isLuhnValid("")).toBe(false);
    expect(isLuhnValid("4242 4242 4242 4242")).toBe(false);
    expect(isLuhnValid("４２４２４２４２４２４２４２４２")).toBe(false);
  });

  it("detects every single-digit error (property)", () => {
    fc.assert(
      fc.property(panArb, fc.nat(), fc.integer({ min: 1, max: 9 }), (pan, at, delta) => {
        const i = at % pan.length;
        const changed = `${pan.slice(0, i)}${(Number(pan[i]) + delta) % 10}${pan.slice(i + 1)}`;
        expect(isLuhnValid(changed)).toBe(false);
      }),
    );
  });
});

describe("findLuhnValidPans", () => {
  it("finds a PAN written plainly, in groups, inside JSON, or followed by more numbers", () => {
    expect(findLuhnValidPans("card=4242424242424242")).toEqual(["4242424242424242"]);
    expect(findLuhnValidPans("4242 4242 4242 4242")).toEqual(["4242424242424242"]);
    expect(findLuhnValidPans("3530-1113-3330-0000")).toEqual(["3530111333300000"]);
    expect(findLuhnValidPans('{"number":"5555555555554444","cvc":"123"}')).toEqual(["5555555555554444"]);
    expect(findLuhnValidPans("card 4242 4242 4242 4242 12 30 cvc 123")).toContain("4242424242424242");
  });

  it("finds any generated PAN hidden in any digit-free text (property)", () => {
    fc.assert(
      fc.property(noDigitsArb, panArb, noDigitsArb, (before, pan, after) => {
        expect(findLuhnValidPans(`${before}${pan}${after}`)).toContain(pan);
      }),
    );
  });

  it("finds nothing in text without digit runs of 13 or more (property)", () => {
    fc.assert(
      fc.property(noDigitsArb, (text) => {
        expect(findLuhnValidPans(text)).toEqual([]);
      }),
    );
  });

  it("ignores millisecond timestamps, short numbers, ids and Luhn-invalid runs", () => {
    // 13-digit epoch milliseconds, some of which pass the Luhn check: they start with 1.
    const timestamps = Array.from({ length: 50 }, (_, i) => `"time":${1_763_884_800_000 + i}`).join(",");
    expect(findLuhnValidPans(timestamps)).toEqual([]);
    expect(findLuhnValidPans("tok_3xQ9 auth_k2 090-1234-5678 2026-11-23 amount=1450")).toEqual([]);
    expect(findLuhnValidPans("4242424242424241")).toEqual([]);
    // A receipt number (date, hyphen, six characters that happened to be digits) is no grouped card number, though
    // 20261125791610 passes the Luhn check; an Amex written 4-6-5 still is found.
    expect(findLuhnValidPans('"receiptNumber":"20261125-791610"')).toEqual([]);
    expect(findLuhnValidPans("3782-822463-10005")).toEqual(["378282246310005"]);
    // A UUID whose middle groups are all digits: joined, 3846 3533 4341 608 passes the Luhn check (seen in an e2e log).
    expect(findLuhnValidPans('"id":"0b8e41d4-3846-3533-4341-608f4e2a1b3c"')).toEqual([]);
    // …while a grouped PAN standing alone, or an unbroken one glued to letters, is still found.
    expect(findLuhnValidPans('"pan":"4242-4242-4242-4242"')).toEqual(["4242424242424242"]);
    expect(findLuhnValidPans("ref4242424242424242x")).toEqual(["4242424242424242"]);
    // An unbroken 20+ digit run (a hash, an id) counts only as a whole.
    expect(findLuhnValidPans("04242424242424242424242")).toEqual([]);
  });

  it("reports each PAN once, separators removed", () => {
    expect(findLuhnValidPans("4242424242424242 and 4242-4242-4242-4242")).toEqual(["4242424242424242"]);
  });
});
