import type { ResultAsync } from "neverthrow";
import type { AdapterMeta } from "../shared/adapter-meta.ts";

/** Contract id of {@link JpkiSigner}; conformance: `describeJpkiSignerContract`. */
export const JPKI_SIGNER_CONTRACT = "jpki-signer@2" as const;

/**
 * Which key of the My Number card signs: the signature key (署名用電子証明書, 6–16 character signature
 * password, 5 tries) or the user-authentication key (利用者証明用電子証明書, 4-digit PIN, 3 tries; login).
 */
export type JpkiKey = "signature" | "authentication";

/** What the resident must do to finish a signing session. */
export type JpkiSigningChallenge =
  /** Enter the card's secret here (a card read by this server, the test card). `triesLeft` if known. */
  | { readonly kind: "secret"; readonly secret: "signature_password" | "authentication_pin"; readonly triesLeft: number | null }
  /**
   * Open `url` (on a PC: as a QR code on the phone) where the app or card reader is; the flow comes
   * back with an authorization code (Digital Authentication App, platform providers).
   */
  | { readonly kind: "redirect"; readonly url: string };

/** A started signing session: one DigestInfo, one signature. */
export interface JpkiSigningSession {
  /** Opaque, unguessable; the adapter keeps what it needs under it. */
  readonly sessionId: string;
  readonly key: JpkiKey;
  readonly challenge: JpkiSigningChallenge;
  readonly expiresAt: Date;
}

/**
 * How the resident finished the session: matching its challenge's kind, or by declining (any kind).
 *
 * `declined` (since `jpki-signer@2`): the resident did not sign — pressed cancel at this service's
 * secret prompt, or the provider's callback came back with `error=` instead of a code (OIDC
 * `access_denied`: cancelled in the app). It ends the session as `cancelled` and never costs a try.
 * A redirect flow's `state` is the callback's, so only that session's own callback can end it (a
 * mismatch is `invalid_input` and the session stays open); `error` is the callback's error code
 * (`access_denied` for a cancel; other codes are the provider failing: `unavailable`). A prompt of
 * this service passes `{ kind: "declined", error: "access_denied", state: null }`.
 */
export type JpkiSigningCompletion =
  | { readonly kind: "secret"; readonly secret: string }
  | { readonly kind: "authorization_code"; readonly code: string; readonly state: string }
  | { readonly kind: "declined"; readonly error: string; readonly state: string | null };

/** What the card (or app, or platform) returns: only the signature value and the certificate. */
export interface JpkiRawSignature {
  /** RSASSA-PKCS1-v1_5 signature over the DigestInfo given to `startSigning` (256 bytes for RSA-2048). */
  readonly signatureValue: Uint8Array;
  /** The certificate of the key that signed, DER. */
  readonly certificateDer: Uint8Array;
  /** CA certificates the signer handed back (may be empty); verifiers chain to their own anchors anyway. */
  readonly caCertificatesDer: readonly Uint8Array[];
}

/** Why a signing session failed. */
export interface JpkiSignerError {
  readonly _tag: "JpkiSignerError";
  readonly reason:
    | "wrong_secret" // the password / PIN did not match; `triesLeft` says how many remain
    | "locked" // no tries left: the card refuses even the right secret (unlock at the counter)
    | "unknown_session" // no such session, or already completed (one signature per session)
    | "session_expired"
    | "cancelled" // the resident or the app cancelled (a `declined` completion)
    | "invalid_input" // not a SHA-256 DigestInfo, a completion of the wrong kind, a malformed secret
    | "no_certificate" // the card has no certificate for this key (e.g. under-15: no signature certificate)
    | "unavailable"; // infrastructure failure; the only retryable reason
  readonly operation: string;
  readonly retryable: boolean;
  readonly message: string;
  /** Tries left on the secret after a `wrong_secret` (0 with `locked`). */
  readonly triesLeft?: number;
}

/**
 * Port: a My Number card's signing, wherever the card is (a software test card, a card reader, the
 * Digital Authentication App, a platform provider). It signs exactly one SHA-256 DigestInfo that core
 * built (`signedAttributesFor` → SHA-256 → `sha256DigestInfo`); it never sees the document and never
 * builds CMS. Core assembles the CMS from the returned signature value and certificate.
 */
export interface JpkiSigner {
  readonly meta: AdapterMeta;
  /**
   * Starts a session that will sign `digestInfo` (DER DigestInfo, SHA-256: 51 bytes) with `key`.
   * Refuses anything that is not a SHA-256 DigestInfo (`invalid_input`).
   */
  startSigning(request: {
    readonly digestInfo: Uint8Array;
    readonly key: JpkiKey;
  }): ResultAsync<JpkiSigningSession, JpkiSignerError>;
  /**
   * Finishes the session: checks the secret (or redeems the authorization code) and returns the
   * signature. A session signs at most once; a wrong secret leaves it open while tries remain; a
   * `declined` completion ends it with `cancelled` without spending a try.
   */
  completeSigning(input: {
    readonly sessionId: string;
    readonly completion: JpkiSigningCompletion;
  }): ResultAsync<JpkiRawSignature, JpkiSignerError>;
  healthCheck(): ResultAsync<void, JpkiSignerError>;
}
