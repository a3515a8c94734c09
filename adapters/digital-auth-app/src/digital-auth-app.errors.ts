/**
 * Why a Digital Authentication App login or signature was refused: one closed reason per check, so that
 * the server can audit exactly what failed and tests can prove each check on its own. Messages carry no
 * personal data, no code, token or verifier.
 */
export type DigitalAuthAppErrorReason =
  /** The callback's `state` is not the one this browser's pending login was started with. */
  | "state_mismatch"
  /** The ID token's `nonce` is not the pending login's. */
  | "nonce_mismatch"
  /** The token endpoint refused the PKCE code verifier. */
  | "pkce_mismatch"
  /** The token endpoint refused a code that was already used. */
  | "code_replayed"
  /** The token endpoint refused the code for another reason (expired, unknown, another client's). */
  | "code_rejected"
  | "id_token_expired"
  /** The ID token's signature does not verify with the provider's JWKS (or names no key of it). */
  | "id_token_signature_invalid"
  | "audience_mismatch"
  | "issuer_mismatch"
  /** The token endpoint refused our `private_key_jwt` (key not registered, clock far off). */
  | "client_authentication_failed"
  /** The ID token or user info lacks a claim we need, or it is malformed. */
  | "claims_invalid"
  /** The resident cancelled or the provider refused at the authorization step (`error=` on the callback). */
  | "access_denied"
  /** The sign transaction failed or its result does not decrypt/parse. */
  | "sign_transaction_failed"
  /** The provider could not be reached or answered something unusable. */
  | "unavailable";

/** Error value of the adapter (`_tag`, closed `reason`, the operation, whether to retry). */
export interface DigitalAuthAppError {
  readonly _tag: "DigitalAuthAppError";
  readonly reason: DigitalAuthAppErrorReason;
  readonly operation: string;
  readonly retryable: boolean;
  readonly message: string;
  readonly cause?: unknown;
}

export const digitalAuthAppError = (
  operation: string,
  reason: DigitalAuthAppErrorReason,
  message: string,
  cause?: unknown,
): DigitalAuthAppError => ({
  _tag: "DigitalAuthAppError",
  reason,
  operation,
  retryable: reason === "unavailable",
  message,
  ...(cause === undefined ? {} : { cause }),
});
