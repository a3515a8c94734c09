import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDateTime, formatIsoDate, formatPostalCode, formatYen } from "../src/format.ts";

describe("formatYen", () => {
  it("writes 1,234円 in Japanese and ¥1,234 in English", () => {
    expect(formatYen(1234, "ja")).toBe("1,234円");
    expect(formatYen(0, "ja")).toBe("0円");
    expect(formatYen(1234567, "en")).toBe("¥1,234,567");
  });

  it("keeps every digit of any amount", () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000_000_000 }), (amount) => {
        expect(formatYen(amount, "ja").replaceAll(",", "")).toBe(`${amount}円`);
      }),
    );
  });
});

describe("dates", () => {
  it("shows times in Japan time whatever the device's zone", () => {
    expect(formatDateTime("2026-11-03T15:05:00Z", "ja")).toBe("2026/11/04 00:05");
    expect(formatDateTime("not a date", "ja")).toBe("not a date");
  });

  it("shows a date of birth without a time zone shift", () => {
    expect(formatIsoDate("1975-03-04", "ja")).toBe("1975年3月4日");
    expect(formatIsoDate("1975-03-04", "en")).toBe("4 March 1975");
    expect(formatIsoDate("昭和50年3月4日", "ja")).toBe("昭和50年3月4日");
  });

  it("hyphenates seven-digit postal codes only", () => {
    expect(formatPostalCode("1234567")).toBe("123-4567");
    expect(formatPostalCode("123")).toBe("123");
  });
});
