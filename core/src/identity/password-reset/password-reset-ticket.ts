import { err, ok, type Result } from "neverthrow";
import type { Hasher } from "../../shared/hasher.port.ts";
import { timingSafeEqualHex } from "../../shared/timing-safe-equal-hex.ts";
import { randomText } from "../random-text.ts";
import type { SecureRandom } from "../secure-random.port.ts";

/** How long a reset link works: 30 minutes (long enough to find the email, short enough that an old inbox is no key). */
export const PASSWORD_RESET_TTL_MS = 30 * 60_000;

/** base64url: 64 symbols, so 43 of them carry 258 bits. */
const TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const TOKEN_LENGTH = 43;

/**
 * A password reset in progress, as stored. Only the token's SHA-256 is kept (the token has 258 bits,
 * so a fast hash is enough: there is nothing to guess). Whoever asked for it — the person, or an
 * administrator starting it for them — the new password is always chosen by the person through the
 * emailed link: there is no operation that sets someone else's password.
 */
export interface PasswordResetTicket {
  readonly accountId: string;
  readonly tokenHash: string;
  readonly requestedBy: "self" | "administrator";
  readonly issuedAt: Date;
  readonly expiresAt: Date;
  readonly usedAt: Date | null;
}

/** Why a reset link was not accepted (all shown alike: "this link is no longer valid"). */
export type PasswordResetRejectionReason = "mismatch" | "expired" | "used" | "second_factor_required";

/** A reset was not accepted. `second_factor_required` means: verify TOTP first, then try again. */
export interface PasswordResetRejected {
  readonly _tag: "PasswordResetRejected";
  readonly reason: PasswordResetRejectionReason;
  readonly code: `password_reset.${PasswordResetRejectionReason}`;
}

const rejected = (reason: PasswordResetRejectionReason): PasswordResetRejected => ({
  _tag: "PasswordResetRejected",
  reason,
  code: `password_reset.${reason}`,
});

const tokenHash = (hasher: Hasher, token: string): string => hasher.sha256Hex(`madoguchi-password-reset\u0000${token}`);

/** Issues a reset: `token` goes into the emailed link only (never stored or logged), `ticket` is stored, replacing earlier ones of the account. */
export const issuePasswordReset = (
  deps: { readonly random: SecureRandom; readonly hasher: Hasher },
  input: { readonly accountId: string; readonly now: Date; readonly requestedBy: PasswordResetTicket["requestedBy"] },
): { readonly token: string; readonly ticket: PasswordResetTicket } => {
  const token = randomText(deps.random, TOKEN_ALPHABET, TOKEN_LENGTH);
  return {
    token,
    ticket: {
      accountId: input.accountId,
      tokenHash: tokenHash(deps.hasher, token),
      requestedBy: input.requestedBy,
      issuedAt: input.now,
      expiresAt: new Date(input.now.getTime() + PASSWORD_RESET_TTL_MS),
      usedAt: null,
    },
  };
};

/**
 * Redeems a reset link when the new password is set. Single use: returns the ticket marked used
 * (store it conditionally on `usedAt` still being null, with the new hash, in one transaction). A
 * reset never bypasses the second factor: an account with one must have passed its TOTP step in this
 * reset flow (`secondFactorVerified`), or the reset is refused without being used up.
 */
export const redeemPasswordReset = (
  deps: { readonly hasher: Hasher },
  ticket: PasswordResetTicket,
  input: { readonly token: string; readonly now: Date; readonly requiresSecondFactor: boolean; readonly secondFactorVerified: boolean },
): Result<PasswordResetTicket, PasswordResetRejected> => {
  if (!timingSafeEqualHex(tokenHash(deps.hasher, input.token), ticket.tokenHash)) return err(rejected("mismatch"));
  if (ticket.usedAt !== null) return err(rejected("used"));
  if (input.now.getTime() >= ticket.expiresAt.getTime()) return err(rejected("expired"));
  if (input.requiresSecondFactor && !input.secondFactorVerified) return err(rejected("second_factor_required"));
  return ok({ ...ticket, usedAt: input.now });
};
