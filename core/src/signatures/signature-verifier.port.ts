import type { ResultAsync } from "neverthrow";
import type { AdapterMeta } from "../shared/adapter-meta.ts";

/** Contract id of {@link SignatureVerifier}; conformance: `describeSignatureVerifierContract`. */
export const SIGNATURE_VERIFIER_CONTRACT = "signature-verifier@1" as const;

/** The signer's certificate as the relying party saw it. */
export interface SignerCertificate {
  readonly subject: string;
  readonly issuer: string;
  /** Hex, lower case, no leading zeros beyond one byte. */
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** DER, base64. */
  readonly derBase64: string;
}

/** A detached CMS signature that verified against a configured trust anchor. */
export interface VerifiedSignature {
  readonly signer: SignerCertificate;
  /** The CMS signingTime attribute, if present. */
  readonly signingTime: Date | null;
}

/** Why a signature was not accepted. Every reason but `unavailable` is final. */
export interface SignatureError {
  readonly _tag: "SignatureError";
  readonly reason:
    | "malformed" // not a CMS SignedData we understand
    | "content_mismatch" // messageDigest does not match the content (tampered payload)
    | "bad_signature" // signature value does not verify with the certificate's key
    | "untrusted_chain" // does not chain to a configured trust anchor
    | "expired"
    | "not_yet_valid"
    | "wrong_key_usage"
    | "unavailable"; // infrastructure failure
  readonly operation: string;
  readonly retryable: boolean;
  readonly message: string;
}

/** Port: verification of a detached CMS SignedData, like a relying party must. */
export interface SignatureVerifier {
  readonly meta: AdapterMeta;
  /**
   * Verifies `cms` (DER) over `content`: message digest, signature value, certificate chain to a
   * configured trust anchor, validity at `at`, key usage (digitalSignature or nonRepudiation).
   */
  verifyDetached(input: {
    readonly content: Uint8Array;
    readonly cms: Uint8Array;
    readonly at: Date;
  }): ResultAsync<VerifiedSignature, SignatureError>;
  healthCheck(): ResultAsync<void, SignatureError>;
}
