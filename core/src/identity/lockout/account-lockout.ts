import type { LockoutPolicy } from "./lockout-policy.ts";

/**
 * The lockout state of one account, stored with it. Plain data, so any store can keep it and the
 * transitions below stay pure functions of (state, time, policy).
 */
export interface AccountLockoutState {
  /** Failed attempts since the last success, unlock or expired lock. */
  readonly consecutiveFailures: number;
  /** When the last failure happened (start of the current wait), or `null`. */
  readonly lastFailureAt: Date | null;
  /** End of the current lock, or `null` when not locked. The lock ends exactly then. */
  readonly lockedUntil: Date | null;
}

/** An account with no failures. */
export const UNLOCKED_ACCOUNT: AccountLockoutState = { consecutiveFailures: 0, lastFailureAt: null, lockedUntil: null };

/** Whether an attempt may be checked now. `delayed` and `locked` must answer exactly as a wrong password does. */
export type LockoutVerdict =
  | { readonly kind: "open" }
  | { readonly kind: "delayed"; readonly until: Date }
  | { readonly kind: "locked"; readonly until: Date };

/**
 * The wait imposed after `failures` consecutive failures: 0 for the free ones, then `base`, `2·base`,
 * `4·base` … capped at `maxDelayMs`. Non-decreasing in `failures`.
 */
export const delayAfterFailures = (failures: number, policy: LockoutPolicy): number => {
  const counted = failures - policy.freeFailures;
  if (counted <= 0) return 0;
  // 2^30 already exceeds any sensible cap; clamping the exponent keeps the number finite.
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(counted - 1, 30));
};

/** The state as it stands at `now`: a lock whose time has passed is over, and the count starts again. */
const settle = (state: AccountLockoutState, now: Date): AccountLockoutState =>
  state.lockedUntil !== null && now.getTime() >= state.lockedUntil.getTime() ? UNLOCKED_ACCOUNT : state;

/** May an attempt on this account be checked at `now`? */
export const lockoutVerdict = (state: AccountLockoutState, now: Date, policy: LockoutPolicy): LockoutVerdict => {
  const current = settle(state, now);
  if (current.lockedUntil !== null) return { kind: "locked", until: current.lockedUntil };
  if (current.lastFailureAt === null) return { kind: "open" };
  const until = new Date(current.lastFailureAt.getTime() + delayAfterFailures(current.consecutiveFailures, policy));
  return now.getTime() < until.getTime() ? { kind: "delayed", until } : { kind: "open" };
};

/**
 * Records a failed attempt that was actually checked (verdict `open`). The N-th consecutive failure
 * locks the account until `now + lockDurationMs`. Attempts refused while delayed or locked are not
 * recorded here: they were never checked, so they cannot be guesses, and counting them would let
 * anyone extend a lock forever.
 */
export const recordFailedAttempt = (state: AccountLockoutState, now: Date, policy: LockoutPolicy): AccountLockoutState => {
  const current = settle(state, now);
  if (current.lockedUntil !== null) return current;
  const consecutiveFailures = current.consecutiveFailures + 1;
  const lockedUntil = consecutiveFailures >= policy.maxConsecutiveFailures ? new Date(now.getTime() + policy.lockDurationMs) : null;
  return { consecutiveFailures, lastFailureAt: now, lockedUntil };
};

/**
 * A successful login: the count starts over. Only a success on every factor counts — a right password
 * followed by a wrong TOTP code is a failure — and sending a new one-time code is no success at all, so
 * nothing but this function and {@link adminUnlock} resets the count.
 */
export const recordSuccessfulLogin = (): AccountLockoutState => UNLOCKED_ACCOUNT;

/** An administrator lifts a lock (and the count) — audited by the caller. */
export const adminUnlock = (): AccountLockoutState => UNLOCKED_ACCOUNT;
