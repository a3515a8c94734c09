import type { TestCard } from "./test-card.ts";

/** Why the test card (or its storage) refused an operation. Closed: apps switch on it exhaustively. */
export type TestCardErrorReason =
  | "wrong_password" // the signature password did not match; `triesLeft` was decremented
  | "locked" // no tries left: the card refuses even the right password, as a real card does
  | "invalid_input" // options or content rejected at the boundary
  | "no_certificate" // the card has no key of the kind asked for
  | "corrupt" // stored card or CA files cannot be read back
  | "unavailable"; // file system or crypto failure

/**
 * Error value of the test card. `card` is the state to persist after the attempt (a wrong password
 * decrements the counter even though the operation failed). It is non-enumerable so that logging or
 * serialising the error never writes out the certificate, which carries the holder's name and address.
 */
export interface TestCardError {
  readonly _tag: "TestCardError";
  readonly reason: TestCardErrorReason;
  readonly operation: string;
  readonly retryable: boolean;
  readonly message: string;
  /** Tries left on the signature password after this attempt (0 when locked). */
  readonly triesLeft?: number;
  readonly card?: TestCard;
  readonly cause?: unknown;
}

/** Builds a {@link TestCardError}; `card` is attached non-enumerably (see the type's comment). */
export const testCardError = (
  operation: string,
  reason: TestCardErrorReason,
  message: string,
  extra: { readonly triesLeft?: number; readonly card?: TestCard; readonly cause?: unknown } = {},
): TestCardError => {
  const error = {
    _tag: "TestCardError" as const,
    reason,
    operation,
    retryable: reason === "unavailable",
    message,
    ...(extra.triesLeft === undefined ? {} : { triesLeft: extra.triesLeft }),
    ...(extra.cause === undefined ? {} : { cause: extra.cause }),
  };
  if (extra.card !== undefined) {
    Object.defineProperty(error, "card", { value: extra.card, enumerable: false });
  }
  return error;
};
