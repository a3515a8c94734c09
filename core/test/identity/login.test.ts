import { describe, expect, it } from "vitest";
import {
  adminUnlock,
  authenticatePassword,
  authenticateEmailCodeStep,
  authenticateTotpStep,
  issueEmailCode,
  INVALID_CREDENTIALS,
  STAFF_LOCKOUT_POLICY,
  totpTimeStep,
  UNLOCKED_ACCOUNT,
  type TotpSecret,
} from "../../src/index.ts";
import { cryptoRandom, fakePasswordHasher, sha256Hasher } from "./identity-fakes.ts";
import { loginWorld } from "./login-fakes.ts";
import { hotp, oracleAuthenticator, RFC6238_SECRET } from "./totp-oracle.ts";

const start = new Date("2026-11-23T09:00:00Z");
const PASSWORD = "shinjuku-gyoen-no-sakura";

const setup = async (opts: { secondFactor?: boolean } = {}) => {
  const fake = fakePasswordHasher();
  const decoy = (await fake.hasher.hash("decoy-password-never-used"))._unsafeUnwrap();
  const world = loginWorld(fake.hasher, decoy, oracleAuthenticator().authenticator, start, sha256Hasher);
  world.accounts.set("staff-0001", {
    passwordHash: (await fake.hasher.hash(PASSWORD))._unsafeUnwrap(),
    lockout: UNLOCKED_ACCOUNT,
    requiresSecondFactor: opts.secondFactor ?? false,
    enrolment: opts.secondFactor === true ? { secret: RFC6238_SECRET, lastUsedStep: null, confirmedAt: start } : null,
  });
  const login = (loginId: string, password: string, sourceAddress = "192.0.2.10") => authenticatePassword(world.passwordDeps)({ loginId, password, sourceAddress });
  const totpStep = (code: string, sourceAddress = "192.0.2.10") => authenticateTotpStep(world.totpDeps)({ accountId: "staff-0001", code, sourceAddress });
  const codeNow = (offset = 0) => hotp(RFC6238_SECRET as TotpSecret, totpTimeStep(world.now()) + offset);
  const sendCode = (attemptId: string) => {
    const { code, challenge } = issueEmailCode({ random: cryptoRandom, hasher: sha256Hasher }, { attemptId, now: world.now() });
    world.challenges.set(attemptId, challenge);
    return code;
  };
  const emailStep = (attemptId: string, code: string) =>
    authenticateEmailCodeStep(world.emailDeps)({ accountId: "staff-0001", attemptId, code, sourceAddress: "192.0.2.10" });
  return { ...fake, world, login, totpStep, codeNow, sendCode, emailStep };
};

/** Fails with wrong passwords until the account locks, waiting out each delay. */
const lockIt = async (s: Awaited<ReturnType<typeof setup>>) => {
  for (let i = 0; i < STAFF_LOCKOUT_POLICY.maxConsecutiveFailures; i++) {
    await s.login("staff-0001", `wrong-${i}`);
    s.world.advance(STAFF_LOCKOUT_POLICY.maxDelayMs);
  }
  expect(s.world.accounts.get("staff-0001")?.lockout.lockedUntil).not.toBeNull();
};

describe("authenticatePassword: no answer tells unknown, wrong, delayed and locked apart", () => {
  it("all four fail with the very same value after exactly one hash verification", async () => {
    const s = await setup();
    const outcomes: unknown[] = [];
    const work: number[] = [];
    const measure = async (f: () => Promise<unknown>) => {
      const before = s.verifications();
      outcomes.push(await f());
      work.push(s.verifications() - before);
    };
    await measure(async () => (await s.login("nobody", PASSWORD))._unsafeUnwrapErr());
    await measure(async () => (await s.login("staff-0001", "wrong-password"))._unsafeUnwrapErr());
    // Four more wrong passwords: now the account is in a delay.
    for (let i = 0; i < 3; i++) await s.login("staff-0001", "wrong-password");
    await measure(async () => (await s.login("staff-0001", PASSWORD))._unsafeUnwrapErr());
    await lockIt(s);
    await measure(async () => (await s.login("staff-0001", PASSWORD))._unsafeUnwrapErr());
    for (const o of outcomes) expect(o).toBe(INVALID_CREDENTIALS);
    expect(work).toEqual([1, 1, 1, 1]);
    const audit = s.world.records.map((r) => r.outcome);
    expect(audit).toContain("unknown_account");
    expect(audit).toContain("wrong_password");
    expect(audit).toContain("delayed");
    expect(audit).toContain("locked");
  });

  it("a locked account lets the right password in only once the lock has expired, or after an admin unlock", async () => {
    const s = await setup();
    await lockIt(s);
    const until = s.world.accounts.get("staff-0001")?.lockout.lockedUntil?.getTime() ?? 0;
    s.world.advance(until - s.world.now().getTime() - 1);
    expect((await s.login("staff-0001", PASSWORD))._unsafeUnwrapErr()).toBe(INVALID_CREDENTIALS);
    s.world.advance(1);
    expect((await s.login("staff-0001", PASSWORD))._unsafeUnwrap().accountId).toBe("staff-0001");

    await lockIt(s);
    const account = s.world.accounts.get("staff-0001");
    if (account !== undefined) account.lockout = adminUnlock();
    expect((await s.login("staff-0001", PASSWORD)).isOk()).toBe(true);
  });

  it("a success resets the count (no second factor)", async () => {
    const s = await setup();
    for (let i = 0; i < 3; i++) await s.login("staff-0001", "wrong");
    expect(s.world.accounts.get("staff-0001")?.lockout.consecutiveFailures).toBe(3);
    expect((await s.login("staff-0001", PASSWORD)).isOk()).toBe(true);
    expect(s.world.accounts.get("staff-0001")?.lockout).toEqual(UNLOCKED_ACCOUNT);
  });

  it("returns a fresh hash when the stored one is cheaper than the policy", async () => {
    const s = await setup();
    const account = s.world.accounts.get("staff-0001");
    if (account === undefined) throw new Error("no account");
    const stored = account.passwordHash.replace("t=2", "t=1");
    account.passwordHash = stored;
    const accepted = (await s.login("staff-0001", PASSWORD))._unsafeUnwrap();
    expect(accepted.newPasswordHash).not.toBeNull();
    expect(accepted.newPasswordHash).toContain("t=2");
    account.passwordHash = accepted.newPasswordHash ?? "";
    expect((await s.login("staff-0001", PASSWORD))._unsafeUnwrap().newPasswordHash).toBeNull();
  });
});

describe("throttles in the login use case", () => {
  it("one try on each of 500 accounts from one address is refused from the 101st; another address is unaffected", async () => {
    const s = await setup();
    let firstThrottled: number | null = null;
    for (let i = 1; i <= 500; i++) {
      const r = await s.login(`user-${i}`, "Winter2026!");
      if (r.isErr() && r.error._tag === "LoginThrottled") {
        firstThrottled ??= i;
        expect(r.error.scope).toBe("address");
      }
      s.world.advance(50);
    }
    expect(firstThrottled).toBe(101);
    expect((await s.login("staff-0001", PASSWORD, "198.51.100.7")).isOk()).toBe(true);
  });

  it("an IPv6 attacker cannot escape by rotating addresses inside one /64", async () => {
    const s = await setup();
    let throttled = 0;
    for (let i = 1; i <= 150; i++) {
      const r = await s.login(`user-${i}`, "x", `2001:db8:1:2::${i.toString(16)}`);
      if (r.isErr() && r.error._tag === "LoginThrottled") throttled++;
    }
    expect(throttled).toBe(50);
  });
});

describe("authenticateTotpStep: the same lockout covers the second factor", () => {
  it("a right password does not reset the count when a TOTP step follows; TOTP failures count; TOTP success resets", async () => {
    const s = await setup({ secondFactor: true });
    for (let i = 0; i < 3; i++) await s.login("staff-0001", "wrong");
    const accepted = (await s.login("staff-0001", PASSWORD))._unsafeUnwrap();
    expect(accepted.secondFactorRequired).toBe(true);
    expect(s.world.accounts.get("staff-0001")?.lockout.consecutiveFailures).toBe(3);
    expect((await s.totpStep("000000"))._unsafeUnwrapErr()).toBe(INVALID_CREDENTIALS);
    expect(s.world.accounts.get("staff-0001")?.lockout.consecutiveFailures).toBe(4);
    s.world.advance(STAFF_LOCKOUT_POLICY.maxDelayMs);
    expect((await s.totpStep(s.codeNow())).isOk()).toBe(true);
    expect(s.world.accounts.get("staff-0001")?.lockout).toEqual(UNLOCKED_ACCOUNT);
  });

  it("a replayed code, a lost compare-and-set, and a locked account all answer INVALID_CREDENTIALS", async () => {
    const s = await setup({ secondFactor: true });
    const code = s.codeNow();
    expect((await s.totpStep(code)).isOk()).toBe(true);
    expect((await s.totpStep(code))._unsafeUnwrapErr()).toBe(INVALID_CREDENTIALS);
    s.world.advance(30_000);
    s.world.loseNextCas();
    expect((await s.totpStep(s.codeNow()))._unsafeUnwrapErr()).toBe(INVALID_CREDENTIALS);
    await lockIt(s);
    s.world.advance(30_000);
    expect((await s.totpStep(s.codeNow()))._unsafeUnwrapErr()).toBe(INVALID_CREDENTIALS);
    expect(s.world.records.at(-1)?.outcome).toBe("locked");
  });
});

describe("authenticateEmailCodeStep: residents' email codes under the same lockout", () => {
  it("accepts the emailed code once; resending codes does not reset the failure count; a locked account answers alike", async () => {
    const s = await setup({ secondFactor: true });
    const code = s.sendCode("attempt-1");
    expect((await s.emailStep("attempt-1", code)).isOk()).toBe(true);
    expect((await s.emailStep("attempt-1", code))._unsafeUnwrapErr()).toBe(INVALID_CREDENTIALS);
    expect(s.world.accounts.get("staff-0001")?.lockout.consecutiveFailures).toBe(1);
    for (let round = 0; round < 9; round++) {
      const fresh = s.sendCode(`attempt-r${round}`);
      const wrong = fresh === "000000" ? "111111" : "000000";
      expect((await s.emailStep(`attempt-r${round}`, wrong))._unsafeUnwrapErr()).toBe(INVALID_CREDENTIALS);
      s.world.advance(STAFF_LOCKOUT_POLICY.maxDelayMs);
    }
    expect(s.world.accounts.get("staff-0001")?.lockout.lockedUntil).not.toBeNull();
    const last = s.sendCode("attempt-last");
    expect((await s.emailStep("attempt-last", last))._unsafeUnwrapErr()).toBe(INVALID_CREDENTIALS);
    expect(s.world.records.at(-1)).toMatchObject({ step: "email_code", outcome: "locked" });
  });

  it("a code sent for one attempt does not complete another", async () => {
    const s = await setup({ secondFactor: true });
    const code = s.sendCode("attempt-a");
    const codeB = s.sendCode("attempt-b");
    const r = await authenticateEmailCodeStep(s.world.emailDeps)({ accountId: "staff-0001", attemptId: "attempt-b", code, sourceAddress: "192.0.2.10" });
    // One time in a million the two codes have the same digits; then attempt b's own code was typed.
    if (codeB !== code) expect(r.isErr()).toBe(true);
    expect(s.world.challenges.get("attempt-b")?.codeHash).not.toBe(s.world.challenges.get("attempt-a")?.codeHash);
  });
});
