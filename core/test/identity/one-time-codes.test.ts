import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkEmailCode,
  CROCKFORD_BASE32,
  DECIMAL_DIGITS,
  EMAIL_CODE_MAX_TRIES,
  issueEmailCode,
  issueRecoveryCodes,
  lockoutVerdict,
  normalizeRecoveryCode,
  randomText,
  recordFailedAttempt,
  redeemRecoveryCode,
  STAFF_LOCKOUT_POLICY,
  UNLOCKED_ACCOUNT,
  unusedRecoveryCodes,
} from "../../src/index.ts";
import { cryptoRandom, fakePasswordHasher, scriptedRandom, sha256Hasher } from "./identity-fakes.ts";

const now = new Date("2026-11-23T09:00:00Z");
const later = (ms: number) => new Date(now.getTime() + ms);

describe("randomText (rejection sampling over CSPRNG bytes)", () => {
  it("is exactly uniform over every byte value: 0–249 give 25 of each digit, 250–255 are discarded", () => {
    const allBytes = Array.from({ length: 256 }, (_, i) => i);
    const text = randomText(scriptedRandom(allBytes), DECIMAL_DIGITS, 250);
    const counts = new Map<string, number>();
    for (const d of text) counts.set(d, (counts.get(d) ?? 0) + 1);
    expect([...counts.values()]).toEqual(Array(10).fill(25));
  });

  it("uses only the alphabet and the requested length (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.constantFrom(DECIMAL_DIGITS, CROCKFORD_BASE32), (length, alphabet) => {
        const text = randomText(cryptoRandom, alphabet, length);
        expect(text).toHaveLength(length);
        expect([...text].every((c) => alphabet.includes(c))).toBe(true);
      }),
    );
  });
});

describe("recovery codes: N single-use codes, shown once, stored hashed", () => {
  it("issues 10 distinct XXXXX-XXXXX codes and stores only hashes", async () => {
    const { hasher } = fakePasswordHasher();
    const issued = (await issueRecoveryCodes({ random: cryptoRandom, passwordHasher: hasher }))._unsafeUnwrap();
    expect(issued.shown).toHaveLength(10);
    expect(new Set(issued.shown).size).toBe(10);
    for (const c of issued.shown) expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    const stored = JSON.stringify(issued.stored);
    for (const c of issued.shown) expect(stored).not.toContain(c.replace("-", ""));
  });

  it("each code works once, in any order; typed loosely (lower case, spaces, O for 0)", async () => {
    const { hasher } = fakePasswordHasher();
    const issued = (await issueRecoveryCodes({ random: cryptoRandom, passwordHasher: hasher }, 3))._unsafeUnwrap();
    let stored = issued.stored;
    for (const shown of [issued.shown[2], issued.shown[0], issued.shown[1]]) {
      const typed = ` ${(shown ?? "").toLowerCase().replace("-", " ").replaceAll("0", "o")} `;
      stored = (await redeemRecoveryCode({ passwordHasher: hasher }, { stored, typed, now }))._unsafeUnwrap();
      const again = await redeemRecoveryCode({ passwordHasher: hasher }, { stored, typed, now });
      expect(again._unsafeUnwrapErr()).toMatchObject({ _tag: "RecoveryCodeRejected", reason: "invalid" });
    }
    expect(unusedRecoveryCodes(stored)).toBe(0);
  });

  it("refuses a wrong code as invalid and garbage as malformed", async () => {
    const { hasher } = fakePasswordHasher();
    const issued = (await issueRecoveryCodes({ random: cryptoRandom, passwordHasher: hasher }, 2))._unsafeUnwrap();
    const wrong = await redeemRecoveryCode({ passwordHasher: hasher }, { stored: issued.stored, typed: "00000-00000", now });
    expect(wrong._unsafeUnwrapErr()).toMatchObject({ code: "recovery_code.invalid" });
    const garbage = await redeemRecoveryCode({ passwordHasher: hasher }, { stored: issued.stored, typed: "hello", now });
    expect(garbage._unsafeUnwrapErr()).toMatchObject({ code: "recovery_code.malformed" });
    expect(normalizeRecoveryCode("ａｂｃｄｅ－ｆｇｈｊｋ")).toBe("ABCDEFGHJK");
    expect(normalizeRecoveryCode("ABCDE-FGHJU")).toBeNull();
  });
});

describe("email one-time codes", () => {
  const issue = (attemptId = "attempt-1", ttlMs?: number) =>
    issueEmailCode({ random: cryptoRandom, hasher: sha256Hasher }, ttlMs === undefined ? { attemptId, now } : { attemptId, now, ttlMs });

  it("6 digits, stored hashed (never the code), expiring within 10 minutes", () => {
    const { code, challenge } = issue();
    expect(code).toMatch(/^[0-9]{6}$/);
    expect(JSON.stringify(challenge)).not.toContain(code);
    expect(challenge.expiresAt).toEqual(later(10 * 60_000));
    expect(() => issue("a", 10 * 60_000 + 1)).toThrow();
    expect(() => issue("a", 0)).toThrow();
  });

  it("accepts once, for its own attempt, before it expires", () => {
    const { code, challenge } = issue();
    const used = checkEmailCode({ hasher: sha256Hasher }, challenge, { attemptId: "attempt-1", typed: code, now: later(60_000) })._unsafeUnwrap();
    expect(used.consumedAt).toEqual(later(60_000));
    expect(checkEmailCode({ hasher: sha256Hasher }, used, { attemptId: "attempt-1", typed: code, now: later(61_000) })._unsafeUnwrapErr().reason).toBe("used");
    expect(checkEmailCode({ hasher: sha256Hasher }, challenge, { attemptId: "attempt-2", typed: code, now })._unsafeUnwrapErr().reason).toBe("wrong_attempt");
    expect(checkEmailCode({ hasher: sha256Hasher }, challenge, { attemptId: "attempt-1", typed: code, now: later(10 * 60_000) })._unsafeUnwrapErr().reason).toBe("expired");
    expect(checkEmailCode({ hasher: sha256Hasher }, challenge, { attemptId: "attempt-1", typed: code, now: later(10 * 60_000 - 1) }).isOk()).toBe(true);
  });

  it("a code from another attempt does not work here even if the digits are right", () => {
    const a = issue("attempt-a");
    const b = issue("attempt-b");
    const r = checkEmailCode({ hasher: sha256Hasher }, b.challenge, { attemptId: "attempt-b", typed: a.code, now });
    // Either the digits differ (mismatch) or, one time in a million, they coincide — then the hash
    // still differs because the attempt id is hashed in.
    if (a.code !== b.code) expect(r._unsafeUnwrapErr().reason).toBe("mismatch");
    expect(a.challenge.codeHash).not.toBe(b.challenge.codeHash);
  });

  it(`dies after ${EMAIL_CODE_MAX_TRIES} wrong tries, even for the right code`, () => {
    const { code, challenge } = issue();
    const wrong = code === "000000" ? "111111" : "000000";
    let c = challenge;
    for (let i = 0; i < EMAIL_CODE_MAX_TRIES; i++) {
      const r = checkEmailCode({ hasher: sha256Hasher }, c, { attemptId: "attempt-1", typed: wrong, now });
      expect(r._unsafeUnwrapErr().reason).toBe("mismatch");
      c = r._unsafeUnwrapErr().challenge;
    }
    expect(checkEmailCode({ hasher: sha256Hasher }, c, { attemptId: "attempt-1", typed: code, now })._unsafeUnwrapErr().reason).toBe("too_many_tries");
  });

  it("issuing a new code does not reset the account's failure count", () => {
    let lockout = UNLOCKED_ACCOUNT;
    const policy = { ...STAFF_LOCKOUT_POLICY, freeFailures: 100 };
    for (let round = 0; round < 5; round++) {
      const { code, challenge } = issue(`attempt-${round}`);
      for (const typed of [code === "000000" ? "111111" : "000000", code === "222222" ? "333333" : "222222"]) {
        const r = checkEmailCode({ hasher: sha256Hasher }, challenge, { attemptId: `attempt-${round}`, typed, now });
        if (r.isErr()) lockout = recordFailedAttempt(lockout, now, policy);
      }
    }
    expect(lockout.consecutiveFailures).toBe(10);
    expect(lockoutVerdict(lockout, now, policy).kind).toBe("locked");
  });
});
