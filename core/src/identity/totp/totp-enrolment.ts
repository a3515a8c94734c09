import type { TotpSecret } from "./totp-authenticator.port.ts";

/**
 * An account's TOTP authenticator, stored with the account (secret encrypted). `lastUsedStep` is the
 * replay guard: a code is accepted only for a time step later than the last accepted one, so each
 * code works once even within its skew window. Stores must write it with a conditional update
 * (`… SET last_used_step = :new WHERE last_used_step IS NOT DISTINCT FROM :previous`) so that two concurrent logins with the same
 * code cannot both win.
 */
export interface TotpEnrolment {
  readonly secret: TotpSecret;
  /** Time step of the last accepted code, or `null` before the first. */
  readonly lastUsedStep: number | null;
  /** When the person proved their app works by entering a first code; `null` while pending. */
  readonly confirmedAt: Date | null;
}

/** A new, unconfirmed enrolment for `secret` (confirm it with `confirmTotpEnrolment`). */
export const pendingTotpEnrolment = (secret: TotpSecret): TotpEnrolment => ({ secret, lastUsedStep: null, confirmedAt: null });
