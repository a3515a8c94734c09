import { describe, expect, it } from "vitest";
import { REVOCATION_REASON_CODES, revocationReasonOfCode, type RevocationReason } from "../src/index.ts";

describe("RFC 5280 reason codes", () => {
  it("reads back every reason from its code", () => {
    for (const [reason, code] of Object.entries(REVOCATION_REASON_CODES)) expect(revocationReasonOfCode(code)).toBe(reason as RevocationReason);
  });

  it("uses the codes of RFC 5280 §5.3.1, 7 unused", () => {
    expect(REVOCATION_REASON_CODES.keyCompromise).toBe(1);
    expect(REVOCATION_REASON_CODES.certificateHold).toBe(6);
    expect(REVOCATION_REASON_CODES.removeFromCRL).toBe(8);
    expect(REVOCATION_REASON_CODES.aACompromise).toBe(10);
    expect(Object.values(REVOCATION_REASON_CODES)).not.toContain(7);
  });

  it("reads an absent, unused or unknown code as unspecified", () => {
    expect(revocationReasonOfCode(undefined)).toBe("unspecified");
    expect(revocationReasonOfCode(7)).toBe("unspecified");
    expect(revocationReasonOfCode(42)).toBe("unspecified");
  });
});
