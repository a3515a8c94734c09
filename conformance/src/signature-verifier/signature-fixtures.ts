import type { RevocationChecker } from "@madoguchi/core";

/**
 * What a signature-verifier contract run needs from the outside: certificates and signed CMS made by a
 * signer the suite does not know about (a test card, a vendor's test platform). Supplied by an adapter
 * package, e.g. `testCardSignatureFixtures()` from `@madoguchi/adapter-test-card`.
 */

/** Which certificate signs a fixture CMS. Every signer but `valid` must be refused, each for its reason. */
export type SignatureFixtureSigner =
  | "valid" // chains to a trust anchor, valid at `at`, keyUsage digitalSignature and/or nonRepudiation
  | "untrusted_ca" // issued by a CA that is not among the trust anchors → untrusted_chain
  | "impostor_ca" // issued by a CA with a trust anchor's exact name but another key → untrusted_chain
  | "expired" // chains to a trust anchor, notAfter before `at` → expired
  | "not_yet_valid" // chains to a trust anchor, notBefore after `at` → not_yet_valid
  | "wrong_key_usage" // chains to a trust anchor, keyUsage without digitalSignature/nonRepudiation → wrong_key_usage
  | "revoked" // otherwise valid, but on the current CRL of its CA → revoked
  | "authentication"; // a valid user-authentication certificate (policy …1.3.30, no 4-info)

/** The 4 basic information items written into a fixture certificate, date of birth as `EYYYYMMDD`. */
export interface FixtureBasicInformation {
  readonly name: string;
  readonly nameSubstitute: string;
  readonly sex: "1" | "2" | "3";
  readonly dateOfBirth: string;
  readonly address: string;
  readonly addressSubstitute: string;
}

/** A detached CMS SignedData (DER) and where its SignerInfo's signature value lies inside it. */
export interface SignedFixture {
  readonly cms: Uint8Array;
  /** Offset in `cms` of the first byte of the signature value (the OCTET STRING's contents). */
  readonly signatureValueOffset: number;
  readonly signatureValueLength: number;
  /** Serial number of the signer certificate as `SignerCertificate.serialNumber` reports it. */
  readonly signerSerialNumber: string;
}

/** Fixtures once their keys exist. */
export interface LoadedSignatureFixtures {
  /** Trust anchors (PEM) for signature certificates the verifier under test is built with. */
  readonly trustAnchorsPem: readonly string[];
  /** Trust anchors (PEM) for user-authentication certificates. */
  readonly authenticationTrustAnchorsPem: readonly string[];
  /** Revocation data of the trusted CAs: answers "revoked" for the `revoked` signer, "good" for the others. */
  readonly revocation: RevocationChecker;
  /** The 4 basic information items of the `valid`, `expired`… certificates when `sign` is given none. */
  readonly basicInformation: FixtureBasicInformation;
  /** The verification time: the trust anchors and the `valid` signer are valid then. */
  readonly at: Date;
  /** The signingTime attribute every fixture CMS carries (whole seconds), or `null` if it has none. */
  readonly signingTime: Date | null;
  /**
   * A detached CMS over `content` signed by `signer`; with `basicInformation`, by a fresh `valid`
   * certificate carrying exactly those items (slow: a new key per call).
   */
  sign(signer: SignatureFixtureSigner, content: Uint8Array, basicInformation?: FixtureBasicInformation): Promise<SignedFixture>;
}

/** Lazily built fixtures: key generation is slow, so `load()` runs once per suite and may cache. */
export interface SignatureFixtures {
  load(): Promise<LoadedSignatureFixtures>;
}
