import { err, ok, type Result } from "neverthrow";
import { timingSafeEqualHex } from "../../shared/timing-safe-equal-hex.ts";
import type { TotpAuthenticator, TotpError } from "./totp-authenticator.port.ts";
import type { TotpEnrolment } from "./totp-enrolment.ts";
import { TOTP_POLICY, totpTimeStep, type TotpPolicy } from "./totp-policy.ts";
import { totpRejected, type TotpRejected } from "./totp-rejection.ts";

/**
 * The code as typed, tidied: NFKC (full-width digits from a Japanese IME become ASCII), spaces and
 * hyphens removed (apps show `123 456`). `null` unless exactly `digits` ASCII digits remain.
 */
export const normalizeOtpInput = (typed: string, digits: number): string | null => {
  const code = typed.normalize("NFKC").replace(/[\s-]/g, "");
  return code.length === digits && /^[0-9]+$/.test(code) ? code : null;
};

/** What {@link verifyTotpCode} checks. */
export interface TotpCheck {
  readonly enrolment: TotpEnrolment;
  /** The code as the person typed it. */
  readonly code: string;
  /** The server's time (Clock port). */
  readonly now: Date;
  readonly policy?: TotpPolicy;
}

/**
 * Checks a TOTP code (RFC 6238) against the server's clock with bounded skew, accepting each code
 * once: only time steps after `enrolment.lastUsedStep` count. On success returns the enrolment with
 * the matched step recorded — the caller must store it (conditionally, see {@link TotpEnrolment})
 * before treating the login as done. Every step of the window is computed and compared in constant
 * time, so the time taken does not reveal which step matched.
 *
 * Confirmed and pending enrolments are both checked here; a login must also require `confirmedAt`
 * (see `verifyTotpLogin`).
 */
export const verifyTotpCode = (
  authenticator: Pick<TotpAuthenticator, "codeAt">,
  check: TotpCheck,
): Result<TotpEnrolment, TotpRejected | TotpError> => {
  const policy = check.policy ?? TOTP_POLICY;
  const code = normalizeOtpInput(check.code, policy.digits);
  if (code === null) return err(totpRejected("malformed"));
  const current = totpTimeStep(check.now, policy);
  const last = check.enrolment.lastUsedStep ?? Number.NEGATIVE_INFINITY;
  let fresh: number | null = null;
  let replayed = false;
  // HOTP counters are unsigned: at the epoch the window starts at step 0.
  for (let step = Math.max(0, current - policy.skewSteps); step <= current + policy.skewSteps; step++) {
    const expected = authenticator.codeAt(check.enrolment.secret, step);
    if (expected.isErr()) return err(expected.error);
    if (!timingSafeEqualHex(expected.value, code)) continue;
    // The latest matching step wins: it leaves the fewest codes usable after this one.
    if (step > last) fresh = step;
    else replayed = true;
  }
  if (fresh !== null) return ok({ ...check.enrolment, lastUsedStep: fresh });
  return err(totpRejected(replayed ? "replayed" : "invalid"));
};

/** A login's second step: like {@link verifyTotpCode}, but a pending (unconfirmed) enrolment is refused. */
export const verifyTotpLogin = (
  authenticator: Pick<TotpAuthenticator, "codeAt">,
  check: TotpCheck,
): Result<TotpEnrolment, TotpRejected | TotpError> =>
  check.enrolment.confirmedAt === null ? err(totpRejected("not_confirmed")) : verifyTotpCode(authenticator, check);

/**
 * Finishes enrolment: the person types a code from their app, proving it holds the secret. On
 * success the enrolment is confirmed now, and that code is already used.
 */
export const confirmTotpEnrolment = (
  authenticator: Pick<TotpAuthenticator, "codeAt">,
  check: TotpCheck,
): Result<TotpEnrolment, TotpRejected | TotpError> =>
  verifyTotpCode(authenticator, check).map((enrolment) => ({ ...enrolment, confirmedAt: check.now }));
