import type { Result, ResultAsync } from "neverthrow";
import type { AdapterMeta } from "../../shared/adapter-meta.ts";
import type { Passkey, PasskeyUser } from "./passkey.ts";
import type { PasskeyRejected } from "./passkey-rejection.ts";

/** Contract id of {@link PasskeyRelyingParty}. */
export const PASSKEY_RELYING_PARTY_CONTRACT = "passkey-relying-party@1" as const;

/**
 * The start of a ceremony: the options the browser hands to `navigator.credentials.create()` or
 * `.get()` (WebAuthn's JSON form, `PublicKeyCredentialCreationOptionsJSON` /
 * `…RequestOptionsJSON`), carrying the challenge the caller chose — ≥ 16 random bytes, base64url, bound
 * server-side to the attempt (stored with it, or MAC-bound to it) — which it hands back to verify the
 * answer.
 */
export interface PasskeyCeremony {
  /** base64url of ≥ 16 random bytes. */
  readonly challenge: string;
  readonly options: Readonly<Record<string, unknown>>;
}

/** An infrastructure failure of the adapter (never a rejected answer: that is {@link PasskeyRejected}). */
export interface PasskeyError {
  readonly _tag: "PasskeyError";
  readonly reason: "unavailable";
  readonly operation: string;
  readonly retryable: boolean;
  readonly message: string;
}

/**
 * Port: the WebAuthn relying party's ceremonies — making options and verifying the browser's answers
 * (client data type, challenge, origin, RP id hash, user presence and verification, attestation
 * format, signature). The relying party id and the allowed origins are the adapter's configuration.
 * The *policy* — which passkeys belong to whom, counters, challenge lifetime and single use — is
 * core's (`verifyPasskeyLogin`, `passkeyChallengeLive`).
 *
 * User verification is always required: a passkey here is a login factor, not a possession check.
 */
export interface PasskeyRelyingParty {
  readonly meta: AdapterMeta;
  /** Options for registering a new passkey for `user` with `challenge`, excluding the ones already registered. */
  registrationOptions(input: { readonly user: PasskeyUser; readonly exclude: readonly Passkey[]; readonly challenge: string }): ResultAsync<PasskeyCeremony, PasskeyError>;
  /** Verifies a registration answer (attestation `none` or a verifiable one) and returns the new passkey. */
  verifyRegistration(input: {
    readonly response: unknown;
    readonly expectedChallenge: string;
    readonly label: string;
    readonly now: Date;
  }): ResultAsync<Passkey, PasskeyRejected | PasskeyError>;
  /** Options for a login with `challenge`; `allow` empty means any discoverable passkey of this relying party. */
  authenticationOptions(input: { readonly allow: readonly Passkey[]; readonly challenge: string }): ResultAsync<PasskeyCeremony, PasskeyError>;
  /** The credential id an authentication answer names (to find the stored passkey), or `malformed`. */
  credentialIdOf(response: unknown): Result<string, PasskeyRejected>;
  /**
   * Verifies an authentication answer against the stored `passkey` and returns the signature counter
   * it carries. Rejects an answer without user verification.
   */
  verifyAuthentication(input: {
    readonly response: unknown;
    readonly expectedChallenge: string;
    readonly passkey: Passkey;
  }): ResultAsync<{ readonly signCount: number }, PasskeyRejected | PasskeyError>;
  healthCheck(): ResultAsync<void, PasskeyError>;
}
