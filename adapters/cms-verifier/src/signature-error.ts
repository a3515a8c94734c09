import type { SignatureError } from "@madoguchi/core";

/** Operation name reported in every error of this adapter. */
export const VERIFY_OPERATION = "signature-verifier.verifyDetached";

/**
 * Builds a {@link SignatureError}. Messages name the failed check, never certificate contents: a
 * signer's subject alternative names carry the holder's name and address.
 */
export const signatureError = (
  reason: SignatureError["reason"],
  message: string,
  operation: string = VERIFY_OPERATION,
): SignatureError => ({
  _tag: "SignatureError",
  reason,
  operation,
  retryable: reason === "unavailable",
  message,
});
