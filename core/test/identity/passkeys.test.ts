import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { liveChallenge, PASSKEY_CHALLENGE_TTL_MS, PASSKEY_REJECTION_MESSAGES, PASSKEY_REJECTION_REASONS, signCountAdvanced } from "../../src/index.ts";

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

  it("are live for their purpose only, for five minutes", () => {
    const challenge = { value: "c", purpose: "login" as const, issuedAt };
    expect(liveChallenge(challenge, "login", at(0))).toBe("c");
    expect(liveChallenge(challenge, "login", at(PASSKEY_CHALLENGE_TTL_MS))).toBe("c");
    expect(liveChallenge(challenge, "login", at(PASSKEY_CHALLENGE_TTL_MS + 1))).toBeNull();
    expect(liveChallenge(challenge, "register", at(0))).toBeNull();
    expect(liveChallenge(null, "login", at(0))).toBeNull();
    // A challenge from the future (clock moved back) is not trusted either.
    expect(liveChallenge(challenge, "login", at(-1))).toBeNull();
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
