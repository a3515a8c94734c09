import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  adminUnlock,
  delayAfterFailures,
  isValidLockoutPolicy,
  lockoutVerdict,
  recordFailedAttempt,
  recordSuccessfulLogin,
  RESIDENT_LOCKOUT_POLICY,
  STAFF_LOCKOUT_POLICY,
  UNLOCKED_ACCOUNT,
  type AccountLockoutState,
  type LockoutPolicy,
} from "../../src/index.ts";

const t0 = new Date("2026-11-23T00:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

const policyArb: fc.Arbitrary<LockoutPolicy> = fc
  .record({
    maxConsecutiveFailures: fc.integer({ min: 1, max: 100 }),
    lockDurationMs: fc.integer({ min: 1, max: 3_600_000 }),
    freeFailures: fc.integer({ min: 0, max: 10 }),
    baseDelayMs: fc.integer({ min: 0, max: 5_000 }),
    maxDelayMs: fc.integer({ min: 0, max: 120_000 }),
  })
  .map((p) => ({ ...p, maxDelayMs: Math.max(p.maxDelayMs, p.baseDelayMs) }));

/** One attempt: how long after the previous one, and whether the password was right. */
const attemptsArb = fc.array(fc.record({ gapMs: fc.integer({ min: 0, max: 600_000 }), correct: fc.boolean() }), { maxLength: 300 });

/** Drives the state machine as the login use case does: only attempts the verdict lets through are checked. */
const run = (policy: LockoutPolicy, attempts: readonly { gapMs: number; correct: boolean }[]) => {
  let state: AccountLockoutState = UNLOCKED_ACCOUNT;
  let now = 0;
  const events: { now: number; verdict: ReturnType<typeof lockoutVerdict>; checked: boolean; correct: boolean; after: AccountLockoutState }[] = [];
  for (const a of attempts) {
    now += a.gapMs;
    const verdict = lockoutVerdict(state, at(now), policy);
    const checked = verdict.kind === "open";
    if (checked) state = a.correct ? recordSuccessfulLogin() : recordFailedAttempt(state, at(now), policy);
    events.push({ now, verdict, checked, correct: a.correct, after: state });
  }
  return events;
};

describe("account lockout (state machine over the clock)", () => {
  it("the reference policies are valid and within NIST's 100", () => {
    expect(isValidLockoutPolicy(STAFF_LOCKOUT_POLICY)).toBe(true);
    expect(isValidLockoutPolicy(RESIDENT_LOCKOUT_POLICY)).toBe(true);
    expect(STAFF_LOCKOUT_POLICY.maxConsecutiveFailures).toBe(10);
    expect(isValidLockoutPolicy({ ...STAFF_LOCKOUT_POLICY, maxConsecutiveFailures: 101 })).toBe(false);
  });

  it("staff: 3 free failures, then growing waits, then the 10th failure locks for 30 minutes", () => {
    const p = STAFF_LOCKOUT_POLICY;
    let s = UNLOCKED_ACCOUNT;
    let now = 0;
    const waits: number[] = [];
    for (let i = 1; i <= 10; i++) {
      const v = lockoutVerdict(s, at(now), p);
      expect(v.kind, `attempt ${i}`).toBe("open");
      s = recordFailedAttempt(s, at(now), p);
      const next = lockoutVerdict(s, at(now), p);
      if (next.kind === "delayed") waits.push(next.until.getTime() - at(now).getTime());
      if (i < 10) now = next.kind === "open" ? now : next.until.getTime() - t0.getTime();
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000]);
    const locked = lockoutVerdict(s, at(now), p);
    expect(locked).toEqual({ kind: "locked", until: at(now + 30 * 60_000) });
    expect(lockoutVerdict(s, at(now + 30 * 60_000 - 1), p).kind).toBe("locked");
    expect(lockoutVerdict(s, at(now + 30 * 60_000), p).kind).toBe("open");
  });

  it("a success resets the count; an admin unlock lifts a lock at once", () => {
    const p = { ...STAFF_LOCKOUT_POLICY, freeFailures: 100 };
    let s = UNLOCKED_ACCOUNT;
    for (let i = 0; i < 9; i++) s = recordFailedAttempt(s, t0, p);
    expect(s.consecutiveFailures).toBe(9);
    s = recordSuccessfulLogin();
    for (let i = 0; i < 9; i++) s = recordFailedAttempt(s, t0, p);
    expect(lockoutVerdict(s, t0, p).kind).toBe("open");
    s = recordFailedAttempt(s, t0, p);
    expect(lockoutVerdict(s, t0, p).kind).toBe("locked");
    expect(lockoutVerdict(adminUnlock(), t0, p).kind).toBe("open");
  });

  it("failures during a lock neither count nor extend it", () => {
    const p = { ...STAFF_LOCKOUT_POLICY, freeFailures: 100 };
    let s = UNLOCKED_ACCOUNT;
    for (let i = 0; i < 10; i++) s = recordFailedAttempt(s, t0, p);
    const until = s.lockedUntil;
    s = recordFailedAttempt(s, at(60_000), p);
    expect(s.lockedUntil).toEqual(until);
    expect(s.consecutiveFailures).toBe(10);
  });

  it("property: never more than N checked failures in a row before the lock", () => {
    fc.assert(
      fc.property(policyArb, attemptsArb, (policy, attempts) => {
        let run_ = 0;
        for (const e of run(policy, attempts)) {
          if (e.verdict.kind === "locked" || (e.checked && e.correct)) run_ = 0;
          // An expired lock starts a new run: the previous state was locked and the lock is over.
          if (e.checked && !e.correct) {
            run_ = e.after.consecutiveFailures === 1 ? 1 : run_ + 1;
            expect(run_).toBeLessThanOrEqual(policy.maxConsecutiveFailures);
            expect(e.after.lockedUntil !== null).toBe(run_ === policy.maxConsecutiveFailures);
          }
        }
      }),
    );
  });

  it("property: a lock ends exactly lockDurationMs after the failure that set it", () => {
    fc.assert(
      fc.property(policyArb, attemptsArb, (policy, attempts) => {
        for (const e of run(policy, attempts)) {
          if (e.checked && e.after.lockedUntil !== null) {
            const end = e.now + policy.lockDurationMs;
            expect(e.after.lockedUntil.getTime()).toBe(t0.getTime() + end);
            expect(lockoutVerdict(e.after, at(end - 1), policy).kind).toBe("locked");
            expect(lockoutVerdict(e.after, at(end), policy).kind).toBe("open");
          }
        }
      }),
    );
  });

  it("property: delays never shrink as failures grow, and never exceed the cap", () => {
    fc.assert(
      fc.property(policyArb, fc.integer({ min: 0, max: 200 }), (policy, n) => {
        const d = delayAfterFailures(n, policy);
        expect(d).toBeLessThanOrEqual(delayAfterFailures(n + 1, policy));
        expect(d).toBeLessThanOrEqual(policy.maxDelayMs);
        expect(d).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it("property: a failure recorded while locked neither counts nor moves the end of the lock", () => {
    fc.assert(
      fc.property(policyArb, attemptsArb, fc.double({ min: 0, max: 1, noNaN: true }), (policy, attempts, where) => {
        for (const e of run(policy, attempts)) {
          const until = e.after.lockedUntil;
          if (until === null) continue;
          const during = at(e.now + Math.floor(where * (until.getTime() - at(e.now).getTime() - 1)));
          const again = recordFailedAttempt(e.after, during, policy);
          expect(again.lockedUntil).toEqual(until);
          expect(again.consecutiveFailures).toBe(e.after.consecutiveFailures);
        }
      }),
    );
  });
});
