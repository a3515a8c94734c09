import type { ResultAsync } from "neverthrow";
import type { Clock } from "../../shared/clock.port.ts";
import type { StorageError } from "../../shared/storage.errors.ts";
import type { AccountLockoutState } from "../lockout/account-lockout.ts";
import type { LockoutPolicy } from "../lockout/lockout-policy.ts";
import type { ThrottleBucket, ThrottlePolicy } from "../lockout/throttle.ts";
import type { LoginAttemptRecord } from "./login.errors.ts";

/**
 * What every login step needs: the clock, the lockout and throttle policies, and where their state
 * lives. The stores are plain functions so the composition root can back them with any repository
 * (the account table for lockout, a small key-value table or memory for throttles).
 */
export interface LoginStateDeps {
  readonly clock: Clock;
  readonly lockoutPolicy: LockoutPolicy;
  readonly addressThrottle: ThrottlePolicy;
  readonly globalThrottle: ThrottlePolicy;
  /**
   * Stores the account's new lockout state. `attempt`: the login step that changed it (a failure
   * counted, a success resetting the count); its audit entry is appended **in the same write**
   * (`login-state-store@2`), so a counted failure or a lock is never without its record. `null`: a
   * change that is not a login attempt (the caller audits it, or it needs no entry).
   */
  saveLockout(accountId: string, state: AccountLockoutState, attempt: LoginAttemptRecord | null): ResultAsync<void, StorageError>;
  /** `key` is `global` or a source key from `throttleKeyForAddress`. */
  loadThrottle(key: string): ResultAsync<ThrottleBucket | null, StorageError>;
  saveThrottle(key: string, bucket: ThrottleBucket): ResultAsync<void, StorageError>;
  /** Hands the true outcome of a step that changed no lockout state (unknown account, locked, throttled, second factor due) to the audit log. */
  recordAttempt(record: LoginAttemptRecord): ResultAsync<void, StorageError>;
}

/** The throttle key of the global bucket. */
export const GLOBAL_THROTTLE_KEY = "global";
/** The key used when the source address cannot be parsed (all such requests share one bucket). */
export const UNKNOWN_SOURCE_KEY = "unknown-source";
