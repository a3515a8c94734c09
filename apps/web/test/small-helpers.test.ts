import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { APPLICATION_STATUSES } from "../src/api-types.ts";
import { isValidCardPassword } from "../src/card-password.ts";
import { en } from "../src/i18n/en.ts";
import { ja } from "../src/i18n/ja.ts";
import { parseLocale } from "../src/i18n/locale.ts";
import { parseStaffListQuery, staffListPath } from "../src/pages/staff/staff-list-query.ts";
import { newSubmissionKey } from "../src/submission-key.ts";

const shape = (value: unknown): unknown =>
  typeof value === "object" && value !== null
    ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]))
    : typeof value;

describe("UI texts", () => {
  it("has the same keys and kinds (text or function) in Japanese and English", () => {
    expect(shape(en)).toEqual(shape(ja));
  });

  it("labels every application status", () => {
    for (const status of APPLICATION_STATUSES) {
      expect(ja.statuses[status]).not.toBe("");
      expect(en.statuses[status]).not.toBe("");
    }
  });

  it("defaults to Japanese for anything stored but en", () => {
    expect(parseLocale("en")).toBe("en");
    expect(parseLocale(null)).toBe("ja");
    expect(parseLocale("fr")).toBe("ja");
  });
});

describe("newSubmissionKey", () => {
  it("is 32 hex characters and fresh each time", () => {
    const a = newSubmissionKey();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(newSubmissionKey()).not.toBe(a);
  });
});

describe("isValidCardPassword", () => {
  it("accepts 6–16 capital letters and digits only", () => {
    expect(isValidCardPassword("MADO1234")).toBe(true);
    expect(isValidCardPassword("ABC12")).toBe(false);
    expect(isValidCardPassword("A".repeat(17))).toBe(false);
    expect(isValidCardPassword("mado1234")).toBe(false);
    expect(isValidCardPassword("ＭＡＤＯ１２３４")).toBe(false);
  });
});

describe("staff list query", () => {
  it("round-trips through the URL", () => {
    fc.assert(
      fc.property(fc.constantFrom("", ...APPLICATION_STATUSES), fc.nat({ max: 10_000 }), (status, offset) => {
        const path = staffListPath({ status, offset });
        expect(parseStaffListQuery(path.slice("/staff".length))).toEqual({ status, offset });
      }),
    );
  });

  it("ignores unknown statuses and bad offsets", () => {
    expect(parseStaffListQuery("?status=hacked&offset=-5")).toEqual({ status: "", offset: 0 });
    expect(parseStaffListQuery("?offset=1.5")).toEqual({ status: "", offset: 0 });
  });
});
