import type { ResultAsync } from "neverthrow";
import type { AdapterMeta } from "../shared/adapter-meta.ts";

/** Contract id of {@link RevocationChecker} (`describeRevocationCheckerContract` in `@madoguchi/conformance/revocation-checker`). */
export const REVOCATION_CHECKER_CONTRACT = "revocation-checker@1" as const;

/** RFC 5280 §5.3.1 CRLReason, as names. */
export type RevocationReason =
  | "unspecified"
  | "keyCompromise"
  | "cACompromise"
  | "affiliationChanged"
  | "superseded"
  | "cessationOfOperation"
  | "certificateHold"
  | "removeFromCRL"
  | "privilegeWithdrawn"
  | "aACompromise";

/**
 * RFC 5280 §5.3.1 CRLReason codes (7 is not used). CRLs and OCSP responses (RFC 6960 RevokedInfo) carry the
 * same ENUMERATED: every reader and writer of either uses this one table.
 */
export const REVOCATION_REASON_CODES: Readonly<Record<RevocationReason, number>> = {
  unspecified: 0,
  keyCompromise: 1,
  cACompromise: 2,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  certificateHold: 6,
  removeFromCRL: 8,
  privilegeWithdrawn: 9,
  aACompromise: 10,
};

const REASON_BY_CODE: ReadonlyMap<number, RevocationReason> = new Map(
  (Object.entries(REVOCATION_REASON_CODES) as [RevocationReason, number][]).map(([name, code]) => [code, name]),
);

/** The reason named by a CRL or OCSP reason code; `unspecified` for an absent, unused or unknown code (RFC 5280 §5.3.1). */
export const revocationReasonOfCode = (code: number | undefined): RevocationReason =>
  (code === undefined ? undefined : REASON_BY_CODE.get(code)) ?? "unspecified";

/** What the answer rests on, kept with the application as evidence. */
export type RevocationEvidence =
  | {
      readonly source: "crl";
      /** Issuer of the CRL, as a readable DN. */
      readonly crlIssuer: string;
      /** cRLNumber as decimal, when present. */
      readonly crlNumber: string | null;
      readonly thisUpdate: Date;
      readonly nextUpdate: Date | null;
      /** SHA-256 of the CRL's DER, hex: which CRL exactly. */
      readonly crlSha256: string;
      /** Serial number of the certificate checked, hex. */
      readonly serialNumber: string;
    }
  | {
      /** An OCSP responder's answer (RFC 6960), verified: signed by the issuer or a responder it delegated to. */
      readonly source: "ocsp";
      /** Who signed the response, as a readable DN (the issuer's, or its delegated responder's). */
      readonly responder: string;
      readonly producedAt: Date;
      /** thisUpdate and nextUpdate of the certificate's SingleResponse (nextUpdate absent: `null`). */
      readonly thisUpdate: Date;
      readonly nextUpdate: Date | null;
      /** The whole OCSPResponse, DER: signed by the responder, it proves the answer by itself later. */
      readonly responseDer: Uint8Array;
      /** SHA-256 of {@link responseDer}, hex: which response exactly. */
      readonly responseSha256: string;
      /** Serial number of the certificate checked, hex. */
      readonly serialNumber: string;
    }
  | {
      /** A platform provider's answer (a later adapter). */
      readonly source: "platform";
      readonly responder: string;
      readonly producedAt: Date;
      readonly serialNumber: string;
    };

/** The status of one certificate at one time. */
export type RevocationStatus =
  | { readonly status: "good"; readonly evidence: RevocationEvidence }
  | {
      readonly status: "revoked";
      readonly reason: RevocationReason;
      readonly revokedAt: Date;
      readonly evidence: RevocationEvidence;
    }
  /**
   * No current revocation data covers the certificate (no CRL for its issuer, CRL past nextUpdate; an
   * OCSP response that is stale, not for this certificate, not signed by an authorised responder, or
   * whose status is unknown).
   */
  | { readonly status: "unknown"; readonly why: string; readonly evidence: RevocationEvidence | null };

/** The checker could not be asked at all (network, storage). */
export interface RevocationError {
  readonly _tag: "RevocationError";
  readonly reason: "unavailable" | "invalid_input";
  readonly operation: string;
  readonly retryable: boolean;
  readonly message: string;
}

/**
 * Port: is this certificate revoked at `at`? JPKI gives revocation data only to registered signature
 * verifiers or through platform providers, so it is pluggable: a CRL (the test CA's, or one a
 * registered verifier downloads), OCSP (`@madoguchi/adapter-ocsp`), later a platform provider.
 */
export interface RevocationChecker {
  readonly meta: AdapterMeta;
  check(input: {
    /** The certificate to check, DER. */
    readonly certificateDer: Uint8Array;
    /** Its issuer (the trust anchor that verified it), DER: CRLs are checked against its key. */
    readonly issuerDer: Uint8Array;
    readonly at: Date;
  }): ResultAsync<RevocationStatus, RevocationError>;
}
