import type { ResultAsync } from "neverthrow";
import type { AdapterMeta } from "../shared/adapter-meta.ts";
import type { BasicInformation } from "./basic-information.ts";
import type { JpkiKey } from "./jpki-signer.port.ts";
import type { RevocationEvidence } from "./revocation-checker.port.ts";

/**
 * Contract id of {@link SignatureVerifier}; conformance: `describeSignatureVerifierContract`.
 * @2: the caller names the certificate `purpose`; the verifier checks the JPKI certificate policy and
 * revocation (through a {@link RevocationChecker}) and returns the 4 basic information items, the
 * trust anchor and the revocation evidence.
 */
export const SIGNATURE_VERIFIER_CONTRACT = "signature-verifier@2" as const;

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
  /** The CMS signingTime attribute, if present (asserted by the signer, not a timestamp). */
  readonly signingTime: Date | null;
  /** Which kind of JPKI certificate signed, from its certificate policy (equal to the requested purpose). */
  readonly purpose: JpkiKey;
  /** The 4 basic information items of a signature certificate; `null` for an authentication certificate. */
  readonly basicInformation: BasicInformation | null;
  /** SHA-256 fingerprint (hex) of the trust anchor the chain ended in. */
  readonly trustAnchorSha256: string;
  /** The revocation check that answered "good", with what it rests on. */
  readonly revocation: RevocationEvidence;
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
    | "wrong_key_usage" // keyUsage without digitalSignature / nonRepudiation
    | "wrong_certificate_policy" // e.g. a signature certificate where an authentication certificate belongs
    | "basic_information_invalid" // a signature certificate without readable 4 basic information items
    | "revoked" // the certificate is revoked (a changed address or name revokes it too)
    | "revocation_unknown" // no current revocation data covers the certificate: refused, not assumed good
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
   * trust anchor configured for `purpose`, validity at `at` of the whole chain, key usage
   * (digitalSignature or nonRepudiation), the JPKI certificate policy of `purpose`, the 4 basic
   * information items (signature certificates), and revocation at `at` — in that order, so the first
   * failing check names the reason.
   */
  verifyDetached(input: {
    readonly content: Uint8Array;
    readonly cms: Uint8Array;
    readonly at: Date;
    readonly purpose: JpkiKey;
  }): ResultAsync<VerifiedSignature, SignatureError>;
  healthCheck(): ResultAsync<void, SignatureError>;
}
