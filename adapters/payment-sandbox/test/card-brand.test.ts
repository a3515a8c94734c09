import { describe, expect, it } from "vitest";
import { detectBrand } from "../src/index.ts";

describe("detectBrand (IIN ranges)", () => {
  it("recognises each brand at the edges of its ranges", () => {
    const cases: ReadonlyArray<readonly [string, ReturnType<typeof detectBrand>]> = [
      ["4111111111111111", "visa"],
      ["5100000000000000", "mastercard"],
      ["5500000000000000", "mastercard"],
      ["2221000000000000", "mastercard"],
      ["2720990000000000", "mastercard"],
      ["3528000000000000", "jcb"],
      ["3589990000000000", "jcb"],
      ["340000000000000", "amex"],
      ["370000000000000", "amex"],
      ["36000000000000", "diners"],
      ["30000000000000", "diners"],
      ["30599999999999", "diners"],
    ];
    for (const [digits, brand] of cases) expect([digits, detectBrand(digits)]).toEqual([digits, brand]);
  });

  it("knows no brand just outside the ranges", () => {
    for (const digits of ["5000000000000000", "5600000000000000", "2220990000000000", "2721000000000000", "3527990000000000", "3590000000000000", "3060000000000000", "35", "6011000000000000", ""]) {
      expect([digits, detectBrand(digits)]).toEqual([digits, null]);
    }
  });
});
