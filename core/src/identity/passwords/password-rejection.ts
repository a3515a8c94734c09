import type { ContextWordKind } from "./password-context.ts";

/** Why a new password was refused. Closed: adding a reason breaks every exhaustive `switch` until it has messages. */
export type PasswordRejectionReason =
  | "too_short"
  | "too_long"
  | "common_password"
  | "context_word"
  | "repetitive_or_sequential";

/**
 * A new password was refused. Carries what the person needs to choose another (the limits, which kind
 * of context word matched) and never the password itself, so it may be logged.
 */
export interface PasswordRejected {
  readonly _tag: "PasswordRejected";
  readonly reason: PasswordRejectionReason;
  /** Stable code, `password.<reason>`. */
  readonly code: `password.${PasswordRejectionReason}`;
  readonly minCodePoints: number;
  readonly maxCodePoints: number;
  /** For `context_word`: which kind of word the password equals. */
  readonly contextWord: ContextWordKind | null;
}

/** Builds a {@link PasswordRejected}. */
export const passwordRejected = (
  reason: PasswordRejectionReason,
  limits: { readonly minCodePoints: number; readonly maxCodePoints: number },
  contextWord: ContextWordKind | null = null,
): PasswordRejected => ({
  _tag: "PasswordRejected",
  reason,
  code: `password.${reason}`,
  minCodePoints: limits.minCodePoints,
  maxCodePoints: limits.maxCodePoints,
  contextWord,
});
