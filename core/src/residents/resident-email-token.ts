import { err, ok, type Result } from "neverthrow";
import type { Hasher } from "../shared/hasher.port.ts";
import { timingSafeEqualHex } from "../shared/timing-safe-equal-hex.ts";
import { randomText } from "../identity/random-text.ts";
import type { SecureRandom } from "../identity/secure-random.port.ts";
import type { PendingEmailToken } from "./resident-account.ts";

/** What an emailed token is for; part of its hash, so a token for one purpose is useless for another. */
export type ResidentTokenPurpose = "verify_email" | "change_email" | "unlock";

/** Email verification links work for 24 hours (people register and read mail later). */
export const EMAIL_VERIFICATION_TTL_MS = 24 * 3_600_000;

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/** 43 base64url symbols: 258 bits, so a fast hash suffices (there is nothing to guess). */
const LENGTH = 43;

const hashOf = (hasher: Hasher, purpose: ResidentTokenPurpose, token: string): string =>
  hasher.sha256Hex(`madoguchi-resident-${purpose}\u0000${token}`);

/** Draws a token for a mail link: `token` goes into the mail only, `pending` is stored. */
export const issueResidentEmailToken = (
  deps: { readonly random: SecureRandom; readonly hasher: Hasher },
  purpose: ResidentTokenPurpose,
  now: Date,
  ttlMs: number,
): { readonly token: string; readonly pending: PendingEmailToken } => {
  const token = randomText(deps.random, ALPHABET, LENGTH);
  return { token, pending: { tokenHash: hashOf(deps.hasher, purpose, token), expiresAt: new Date(now.getTime() + ttlMs) } };
};

/** Why a link was refused (shown alike: "this link is no longer valid"). */
export type ResidentTokenRejection = "missing" | "mismatch" | "expired";

/**
 * Checks a presented token against the stored one. Single use is the caller's: on success it clears
 * the pending token in the same conditional update that applies the change.
 */
export const checkResidentEmailToken = (
  deps: { readonly hasher: Hasher },
  purpose: ResidentTokenPurpose,
  pending: PendingEmailToken | null,
  token: string,
  now: Date,
): Result<void, ResidentTokenRejection> => {
  if (pending === null) return err("missing");
  if (!timingSafeEqualHex(hashOf(deps.hasher, purpose, token), pending.tokenHash)) return err("mismatch");
  if (now.getTime() >= pending.expiresAt.getTime()) return err("expired");
  return ok(undefined);
};
