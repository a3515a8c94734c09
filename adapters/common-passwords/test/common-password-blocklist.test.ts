import { dictionary } from "@zxcvbn-ts/language-common";
import { describe, expect, it } from "vitest";
import { checkNewPassword, NO_PASSWORD_CONTEXT, RESIDENT_PASSWORD_POLICY, STAFF_PASSWORD_POLICY } from "@madoguchi/core";
import { createCommonPasswordBlocklist } from "../src/index.ts";

const blocklist = createCommonPasswordBlocklist();
const reason = (raw: string, policy = RESIDENT_PASSWORD_POLICY) => {
  const r = checkNewPassword(raw, { policy, blocklist, context: NO_PASSWORD_CONTEXT });
  return r.isOk() ? "accepted" : r.error.reason;
};

describe("common-password blocklist", () => {
  it("holds well over 3,000 distinct folded entries and names its source", () => {
    expect(blocklist.size).toBeGreaterThan(40_000);
    expect(blocklist.source).toContain("MIT");
  });

  it("refuses the classics of every breach list, in any case or width", () => {
    for (const p of ["password", "12345678", "qwertyuiop", "iloveyou", "sunshine", "football", "PASSWORD1", "Ｐａｓｓｗｏｒｄ", "trustno1"]) {
      expect(reason(p), p).toBe("common_password");
    }
  });

  it("refuses listed passwords long enough for the staff minimum of 15", () => {
    const long = dictionary["passwords-common"].filter((p) => [...p.normalize("NFKC")].length >= 15 && [...p].length <= 128);
    expect(long.length).toBeGreaterThan(10);
    for (const p of long.slice(0, 10)) {
      const r = checkNewPassword(p, { policy: STAFF_PASSWORD_POLICY, blocklist, context: NO_PASSWORD_CONTEXT });
      expect(r.isErr() && r.error.reason, p).toMatch(/^(common_password|repetitive_or_sequential)$/);
    }
  });

  it("accepts pass-phrases that merely contain a listed word (whole-string compare)", () => {
    expect(reason("password for the city hall printer")).toBe("accepted");
    expect(reason("さくら色の自転車で市役所へ")).toBe("accepted");
  });
});
