/**
 * How an account answers a run of wrong passwords or codes (NIST SP 800-63B-4 §3.2.2 "rate
 * limiting": at most 100 consecutive failures per account; OWASP ASVS 5.0 V6.3): the first few
 * failures are free, then each further one makes the next try wait longer, and the N-th consecutive
 * failure locks the account for a fixed time. A success or an administrator's unlock starts over.
 */
export interface LockoutPolicy {
  /** N: the consecutive failure that locks the account (1…100). */
  readonly maxConsecutiveFailures: number;
  /** How long a lock lasts, in milliseconds. */
  readonly lockDurationMs: number;
  /** Failures allowed with no wait at all (people mistype). */
  readonly freeFailures: number;
  /** Wait after the first failure past the free ones; each further failure doubles it… */
  readonly baseDelayMs: number;
  /** …up to this cap. */
  readonly maxDelayMs: number;
}

/** Staff: N = 10 (the seed's municipal practice), then 30 minutes locked; waits 1 s, 2 s, 4 s … ≤ 60 s after 3 free failures. */
export const STAFF_LOCKOUT_POLICY: LockoutPolicy = {
  maxConsecutiveFailures: 10,
  lockDurationMs: 30 * 60_000,
  freeFailures: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
};

/**
 * Residents: N = 20, then 15 minutes. A lock is also a way for anyone to keep a resident out, so the
 * resident threshold is higher and the lock shorter; the per-IP throttle does the rest.
 */
export const RESIDENT_LOCKOUT_POLICY: LockoutPolicy = {
  maxConsecutiveFailures: 20,
  lockDurationMs: 15 * 60_000,
  freeFailures: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
};

/** Whether a policy is within the limits NIST sets (N ≤ 100) and internally consistent; checked where configuration is decoded. */
export const isValidLockoutPolicy = (p: LockoutPolicy): boolean =>
  Number.isInteger(p.maxConsecutiveFailures) &&
  p.maxConsecutiveFailures >= 1 &&
  p.maxConsecutiveFailures <= 100 &&
  Number.isInteger(p.freeFailures) &&
  p.freeFailures >= 0 &&
  p.lockDurationMs > 0 &&
  p.baseDelayMs >= 0 &&
  p.maxDelayMs >= p.baseDelayMs;
