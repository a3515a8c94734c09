/**
 * The one answer to every failed login step — unknown account, wrong password, wrong code, delayed
 * or locked account. It has no reason on purpose: the result must not tell an attacker which
 * accounts exist or are locked (ASVS 5.0 V6.3, 800-63B-4 §3.2.2). The true reason goes to the
 * audit log through `recordAttempt`.
 */
export interface InvalidCredentials {
  readonly _tag: "InvalidCredentials";
  readonly code: "login.invalid_credentials";
}

/** The single {@link InvalidCredentials} value (frozen: every path returns this same object). */
export const INVALID_CREDENTIALS: InvalidCredentials = Object.freeze({ _tag: "InvalidCredentials", code: "login.invalid_credentials" });

/**
 * Too many failures from this network (`address`) or from everywhere (`global`). Safe to tell apart
 * from {@link InvalidCredentials}: it says nothing about any account. Apps answer 429 with Retry-After.
 */
export interface LoginThrottled {
  readonly _tag: "LoginThrottled";
  readonly code: "login.throttled";
  readonly scope: "address" | "global";
  readonly retryAt: Date;
}

/** What really happened in a login step, for the audit log only (never shown to the person). */
export type LoginAttemptOutcome =
  | "success"
  | "second_factor_required"
  | "unknown_account"
  | "wrong_password"
  | "wrong_second_factor"
  | "delayed"
  | "locked"
  | "throttled";

/** One login step, as recorded for the audit log. No password, code or login id in it. */
export interface LoginAttemptRecord {
  readonly at: Date;
  readonly step: "password" | "totp" | "email_code" | "passkey";
  /** The account, when one was found. */
  readonly accountId: string | null;
  /** The throttle key of the source address (`ip4:…`, `ip6:…/64`). */
  readonly source: string;
  readonly outcome: LoginAttemptOutcome;
  /** Why a second step failed, when the step has closed reasons of its own (a passkey's `PasskeyRejectionReason`). */
  readonly reason?: string;
}
