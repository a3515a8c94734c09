import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { passkeyChallengeLive, PASSKEY_CHALLENGE_TTL_MS, PASSKEY_REJECTION_MESSAGES, PASSKEY_REJECTION_REASONS, signCountAdvanced } from "../../src/index.ts";

describe("passkey signature counters", () => {
  it("authenticators that never count (0 → 0) pass; otherwise the counter must strictly increase", () => {
    expect(signCountAdvanced(0, 0)).toBe(true);
    expect(signCountAdvanced(0, 1)).toBe(true);
    expect(signCountAdvanced(5, 6)).toBe(true);
    expect(signCountAdvanced(5, 5)).toBe(false);
    expect(signCountAdvanced(5, 0)).toBe(false);
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (stored, received) => {
        expect(signCountAdvanced(stored, received)).toBe((stored === 0 && received === 0) || received > stored);
      }),
    );
  });
});

describe("passkey challenges", () => {
  const issuedAt = new Date("2026-11-23T03:00:00Z");
  const at = (ms: number) => new Date(issuedAt.getTime() + ms);

  it("are live for five minutes, and not when issued in the future (a clock set back)", () => {
    expect(passkeyChallengeLive(issuedAt, at(0))).toBe(true);
    expect(passkeyChallengeLive(issuedAt, at(PASSKEY_CHALLENGE_TTL_MS))).toBe(true);
    expect(passkeyChallengeLive(issuedAt, at(PASSKEY_CHALLENGE_TTL_MS + 1))).toBe(false);
    expect(passkeyChallengeLive(issuedAt, at(-1))).toBe(false);
  });
});

describe("passkey rejections", () => {
  it("every reason has a Japanese and an English message", () => {
    for (const reason of PASSKEY_REJECTION_REASONS) {
      expect(PASSKEY_REJECTION_MESSAGES[reason].ja.length, reason).toBeGreaterThan(5);
      expect(PASSKEY_REJECTION_MESSAGES[reason].en.length, reason).toBeGreaterThan(5);
    }
  });
});
