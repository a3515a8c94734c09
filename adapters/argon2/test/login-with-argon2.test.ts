/**
 * Core's password step with the real Argon2id hasher: the same failure value and the same number of
 * Argon2 verifications for unknown, wrong and locked; a stored hash made at a lower cost is replaced.
 */
import { okAsync } from "neverthrow";
import { describe, expect, it } from "vitest";
import {
  authenticatePassword,
  GLOBAL_THROTTLE,
  INVALID_CREDENTIALS,
  needsRehash,
  PER_ADDRESS_THROTTLE,
  STAFF_LOCKOUT_POLICY,
  UNLOCKED_ACCOUNT,
  type AccountLockoutState,
  type PasswordHasher,
  type ThrottleBucket,
} from "@madoguchi/core";
import { createArgon2Hasher, DEFAULT_ARGON2_OPTIONS } from "../src/index.ts";

const PASSWORD = "shinjuku-gyoen-no-sakura";

/** Wraps the real hasher to count Argon2 verifications (the work each answer costs). */
const counting = (inner: PasswordHasher) => {
  let verifications = 0;
  const hasher: PasswordHasher = { ...inner, verify: (h, p) => { verifications++; return inner.verify(h, p); } };
  return { hasher, verifications: () => verifications };
};

const world = async (storedCost = DEFAULT_ARGON2_OPTIONS) => {
  const real = (await createArgon2Hasher(DEFAULT_ARGON2_OPTIONS))._unsafeUnwrap();
  const older = (await createArgon2Hasher(storedCost))._unsafeUnwrap();
  const { hasher, verifications } = counting(real);
  const account = { passwordHash: (await older.hash(PASSWORD))._unsafeUnwrap(), lockout: UNLOCKED_ACCOUNT as AccountLockoutState };
  const throttles = new Map<string, ThrottleBucket>();
  let now = Date.parse("2026-11-23T09:00:00Z");
  const login = authenticatePassword({
    clock: { now: () => new Date(now) },
    lockoutPolicy: STAFF_LOCKOUT_POLICY,
    addressThrottle: PER_ADDRESS_THROTTLE,
    globalThrottle: GLOBAL_THROTTLE,
    passwordHasher: hasher,
    decoyHash: (await real.hash("decoy: a password nobody has"))._unsafeUnwrap(),
    findAccount: (id) => okAsync(id === "staff-0001" ? { accountId: id, passwordHash: account.passwordHash, lockout: account.lockout, requiresSecondFactor: false } : null),
    saveLockout: (_id, s) => { account.lockout = s; return okAsync(undefined); },
    loadThrottle: (k) => okAsync(throttles.get(k) ?? null),
    saveThrottle: (k, b) => { throttles.set(k, b); return okAsync(undefined); },
    recordAttempt: () => okAsync(undefined),
  });
  return { account, verifications, login: (id: string, pw: string) => login({ loginId: id, password: pw, sourceAddress: "192.0.2.1" }), wait: (ms: number) => { now += ms; } };
};

describe("authenticatePassword with Argon2id", () => {
  it("unknown, wrong and locked cost one Argon2 verification each and fail with the same value", async () => {
    const w = await world();
    const costs: number[] = [];
    const attempt = async (id: string, pw: string) => {
      const before = w.verifications();
      const r = await w.login(id, pw);
      costs.push(w.verifications() - before);
      return r;
    };
    expect((await attempt("nobody", PASSWORD))._unsafeUnwrapErr()).toBe(INVALID_CREDENTIALS);
    expect((await attempt("staff-0001", "wrong"))._unsafeUnwrapErr()).toBe(INVALID_CREDENTIALS);
    w.account.lockout = { consecutiveFailures: 10, lastFailureAt: new Date("2026-11-23T09:00:00Z"), lockedUntil: new Date("2026-11-23T09:30:00Z") };
    expect((await attempt("staff-0001", PASSWORD))._unsafeUnwrapErr()).toBe(INVALID_CREDENTIALS);
    expect(costs).toEqual([1, 1, 1]);
    w.wait(30 * 60_000);
    expect((await attempt("staff-0001", PASSWORD)).isOk()).toBe(true);
  }, 60_000);

  it("replaces a hash made at a lower cost at the next successful login", async () => {
    const w = await world({ memoryKiB: 12_288, iterations: 3, parallelism: 1 });
    const accepted = (await w.login("staff-0001", PASSWORD))._unsafeUnwrap();
    expect(accepted.newPasswordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(needsRehash(accepted.newPasswordHash ?? "", { algorithm: "argon2id", ...DEFAULT_ARGON2_OPTIONS })).toBe(false);
  }, 60_000);
});
