import { err, ok, type Result } from "neverthrow";
import type { Hasher } from "../../shared/hasher.port.ts";
import { timingSafeEqualHex } from "../../shared/timing-safe-equal-hex.ts";
import { DECIMAL_DIGITS, randomText } from "../random-text.ts";
import type { SecureRandom } from "../secure-random.port.ts";
import { normalizeOtpInput } from "../totp/verify-totp-code.ts";

/**
 * Email one-time codes: the residents' lower-assurance second step. NIST SP 800-63B-4 does not accept
 * email as an authenticator at AAL2, so staff and administrators must use TOTP or a passkey; this is
 * offered to residents only. Rules (SECURITY.md): ≥ 6 digits from a CSPRNG, ≤ 10 minutes, single
 * use, bound to the login attempt it was sent for, stored hashed.
 */
export const EMAIL_CODE_DIGITS = 6;
/** The longest life a code may have: 10 minutes. */
export const EMAIL_CODE_MAX_TTL_MS = 10 * 60_000;
/** Wrong guesses one code survives; then it is dead and a new one must be sent (the account's lockout counts them too). */
export const EMAIL_CODE_MAX_TRIES = 5;

/** A sent code as stored, against the login attempt it belongs to. */
export interface EmailCodeChallenge {
  /** The login attempt (a ≥ 128-bit random id kept in the pending session) the code is bound to. */
  readonly attemptId: string;
  /** SHA-256 of `attemptId` and the code; the code itself is never stored. */
  readonly codeHash: string;
  readonly expiresAt: Date;
  readonly failedTries: number;
  readonly consumedAt: Date | null;
}

/** Why a code was not accepted. Internal (audit); the person always reads "the code is not valid". */
export type EmailCodeRejectionReason = "malformed" | "wrong_attempt" | "expired" | "used" | "too_many_tries" | "mismatch";

/** A code was not accepted; `challenge` is the updated state to store (a mismatch counts a try). */
export interface EmailCodeRejected {
  readonly _tag: "EmailCodeRejected";
  readonly reason: EmailCodeRejectionReason;
  readonly code: `email_code.${EmailCodeRejectionReason}`;
  readonly challenge: EmailCodeChallenge;
}

const rejected = (reason: EmailCodeRejectionReason, challenge: EmailCodeChallenge): EmailCodeRejected => ({
  _tag: "EmailCodeRejected",
  reason,
  code: `email_code.${reason}`,
  challenge,
});

// The attempt id is random and secret, so the hash cannot be precomputed; a 6-digit code is still
// guessable offline from a stolen row, which is why it also dies after 10 minutes and one use.
const codeHash = (hasher: Hasher, attemptId: string, code: string): string => hasher.sha256Hex(`madoguchi-email-code\u0000${attemptId}\u0000${code}`);

/**
 * Issues a code for a login attempt: `code` goes into the email (never logged), `challenge` is
 * stored in place of any earlier challenge of the same attempt. Issuing a code never touches the
 * account's lockout state: a new code is no reason to forget earlier failures.
 *
 * @throws Error if `ttlMs` is not in (0, 10 min] — a programmer error.
 */
export const issueEmailCode = (
  deps: { readonly random: SecureRandom; readonly hasher: Hasher },
  input: { readonly attemptId: string; readonly now: Date; readonly ttlMs?: number },
): { readonly code: string; readonly challenge: EmailCodeChallenge } => {
  const ttlMs = input.ttlMs ?? EMAIL_CODE_MAX_TTL_MS;
  if (!(ttlMs > 0 && ttlMs <= EMAIL_CODE_MAX_TTL_MS)) throw new Error("email code lifetime must be within 10 minutes");
  const code = randomText(deps.random, DECIMAL_DIGITS, EMAIL_CODE_DIGITS);
  return {
    code,
    challenge: {
      attemptId: input.attemptId,
      codeHash: codeHash(deps.hasher, input.attemptId, code),
      expiresAt: new Date(input.now.getTime() + ttlMs),
      failedTries: 0,
      consumedAt: null,
    },
  };
};

/**
 * Checks a typed code against the stored challenge for the login attempt in progress. Accepts once:
 * the returned challenge is consumed (store it, conditionally on `consumedAt` still being null).
 */
export const checkEmailCode = (
  deps: { readonly hasher: Hasher },
  challenge: EmailCodeChallenge,
  input: { readonly attemptId: string; readonly typed: string; readonly now: Date },
): Result<EmailCodeChallenge, EmailCodeRejected> => {
  if (challenge.consumedAt !== null) return err(rejected("used", challenge));
  if (input.attemptId !== challenge.attemptId) return err(rejected("wrong_attempt", challenge));
  if (input.now.getTime() >= challenge.expiresAt.getTime()) return err(rejected("expired", challenge));
  if (challenge.failedTries >= EMAIL_CODE_MAX_TRIES) return err(rejected("too_many_tries", challenge));
  const code = normalizeOtpInput(input.typed, EMAIL_CODE_DIGITS);
  if (code === null) return err(rejected("malformed", challenge));
  if (!timingSafeEqualHex(codeHash(deps.hasher, challenge.attemptId, code), challenge.codeHash)) {
    return err(rejected("mismatch", { ...challenge, failedTries: challenge.failedTries + 1 }));
  }
  return ok({ ...challenge, consumedAt: input.now });
};
