import { ERAS, eraOf, formatIsoDate } from "@madoguchi/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseJpkiBirthDate } from "../src/test-card/jpki-birth-date.ts";

const TODAY = "2026-06-30";
const date = fc.date({ min: new Date("1873-01-01T00:00:00Z"), max: new Date(`${TODAY}T00:00:00Z`), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const compact = (iso: string) => iso.replaceAll("-", "");

describe("JPKI date of birth (EYYYYMMDD)", () => {
  it("accepts the documented examples and the day each era changes", () => {
    expect(parseJpkiBirthDate("419900102", TODAY)).toBe("1990-01-02");
    expect(parseJpkiBirthDate("319890107", TODAY)).toBe("1989-01-07"); // 昭和64年1月7日
    expect(parseJpkiBirthDate("419890108", TODAY)).toBe("1989-01-08"); // 平成元年1月8日
    expect(parseJpkiBirthDate("419890107", TODAY)).toBeNull();
    expect(parseJpkiBirthDate("520190501", TODAY)).toBe("2019-05-01");
  });

  it("rejects impossible dates, wrong lengths, unknown era digits and future dates", () => {
    for (const v of ["419900230", "41990012", "4199001020", "619900102", "019900102", "4199O0102", "520260701", ""]) {
      expect(parseJpkiBirthDate(v, TODAY)).toBeNull();
    }
  });

  it("accepts every past date with its own era digit, and no other digit", () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 9 }), (iso, digit) => {
        const era = eraOf(iso)!;
        const own = ERAS.indexOf(era) + 1;
        const parsed = parseJpkiBirthDate(`${digit}${compact(iso)}`, TODAY);
        expect(parsed).toBe(digit === own ? iso : null);
      }),
    );
  });

  it("never accepts a date after today", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), (days) => {
        const future = new Date(Date.parse(`${TODAY}T00:00:00Z`) + days * 86_400_000);
        const iso = formatIsoDate(future.getUTCFullYear(), future.getUTCMonth() + 1, future.getUTCDate());
        expect(parseJpkiBirthDate(`5${compact(iso)}`, TODAY)).toBeNull();
      }),
    );
  });
});
