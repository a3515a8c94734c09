/**
 * Errors of the synthetic scan generator, as values. Messages name the problem (a missing Debian
 * font package, an option out of range), never a generated value.
 */

/** Why synthesis failed. */
export type SyntheticErrorReason = "font-missing" | "invalid-options" | "image-failed";

/** A synthetic-scan failure. */
export interface SyntheticError {
  readonly _tag: "SyntheticError";
  readonly reason: SyntheticErrorReason;
  readonly operation: "renderDocument" | "degrade" | "loadFonts";
  readonly retryable: false;
  readonly message: string;
  readonly cause?: unknown;
}

/** Builds a {@link SyntheticError}. */
export const syntheticError = (
  reason: SyntheticErrorReason,
  operation: SyntheticError["operation"],
  message: string,
  cause?: unknown,
): SyntheticError => ({ _tag: "SyntheticError", reason, operation, retryable: false, message, ...(cause === undefined ? {} : { cause }) });
