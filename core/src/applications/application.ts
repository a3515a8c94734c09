import type { BasicInformation } from "../signatures/basic-information.ts";
import type { RevocationEvidence } from "../signatures/revocation-checker.port.ts";
import type { ApplicationId, IdempotencyKey, ProcedureId, ReceiptNumber, StaffId } from "../shared/ids.ts";
import type { Locale } from "../shared/localized.ts";
import type { FeeBreakdown } from "../fees/fee.ts";
import type { ApplicationStatus } from "./application-status.ts";
import type { Intake } from "./intake.ts";

/**
 * The resident's personal data of R4, normalised (full-width digits → half-width, furigana in
 * katakana, date of birth as ISO `YYYY-MM-DD`). Always encrypted at rest.
 */
export interface Applicant {
  readonly name: string;
  /** Furigana, normalised to full-width katakana. */
  readonly nameKana: string;
  /** Seven digits, no hyphen. */
  readonly postalCode: string;
  readonly address: string;
  /** ISO date `YYYY-MM-DD` (the resident may type 和暦; it is converted). */
  readonly dateOfBirth: string;
  /** Digits only. */
  readonly phone: string;
  readonly email: string;
}

/** What is requested: copies, delivery method and the procedure's extra answers (fiscal year …). */
export interface CertificateRequest {
  readonly copies: number;
  readonly deliveryMethodId: string;
  /** Answers to the procedure's extra fields, by key. */
  readonly extra: Readonly<Record<string, string>>;
}

/** Who did something to an application. */
export type Actor = { readonly kind: "resident" } | { readonly kind: "staff"; readonly staffId: StaffId };

/** One entry of the status history. */
export interface StatusChange {
  readonly from: ApplicationStatus | null;
  readonly to: ApplicationStatus;
  readonly at: Date;
  readonly by: Actor;
  /** Reason given for 不受理 / 差戻し (shown to the resident). */
  readonly reason: string | null;
}

/** The verified signature kept with the application (evidence). */
export interface SignatureEvidence {
  /** The exact RFC 8785 canonical JSON that was signed. */
  readonly canonicalJson: string;
  /** Detached CMS SignedData, DER, base64. */
  readonly cmsBase64: string;
  readonly signerSubject: string;
  readonly signerIssuer: string;
  readonly signerSerialNumber: string;
  readonly verifiedAt: Date;
  /**
   * What the relying-party verification established (signature-verifier@2): absent on applications
   * stored before it. Plain JSON (timestamps as ISO strings) so that it is kept exactly as recorded.
   */
  readonly verification?: SignatureVerificationRecord;
}

/** The verification result kept as evidence: purpose, trust anchor, signing time, 4-info, revocation. */
export interface SignatureVerificationRecord {
  readonly purpose: "signature" | "authentication";
  readonly trustAnchorSha256: string;
  /** The CMS signingTime (signer-asserted), ISO 8601, or `null`. */
  readonly signingTime: string | null;
  /** The 4 basic information items of the certificate (name, substitutes, sex, date of birth, address). */
  readonly basicInformation: BasicInformation | null;
  /** What the revocation answer "good" rested on; timestamps as ISO 8601. */
  readonly revocation: RevocationRecord;
}

/** Revocation evidence as stored (see `RevocationEvidence`). */
export interface RevocationRecord {
  readonly source: RevocationEvidence["source"];
  /** Serial number of the certificate checked, hex. */
  readonly serialNumber: string;
  /** CRL: the CRL's issuer; OCSP/platform: the responder. */
  readonly issuer: string;
  /** CRL: cRLNumber; otherwise `null`. */
  readonly crlNumber: string | null;
  /** CRL: SHA-256 of its DER (which CRL exactly); otherwise `null`. */
  readonly crlSha256: string | null;
  /** CRL: thisUpdate; OCSP: the SingleResponse's thisUpdate; platform: producedAt. */
  readonly thisUpdate: string;
  readonly nextUpdate: string | null;
  /** OCSP only: producedAt of the response. */
  readonly producedAt?: string;
  /** OCSP only: the signed OCSPResponse, DER in base64 (it proves the answer by itself). */
  readonly ocspResponseBase64?: string;
  /** OCSP only: SHA-256 of that DER, hex. */
  readonly ocspResponseSha256?: string;
}

/** The payment authorisation kept with the application: gateway ids only, never card data. */
export interface PaymentRecord {
  readonly authorizationId: string;
  readonly idempotencyKey: IdempotencyKey;
  readonly amount: number;
  readonly status: "authorized" | "captured" | "voided";
  /** Card brand and last four digits as reported by the gateway, for display. */
  readonly brand: string;
  readonly last4: string;
}

/** The application aggregate. Only core functions create or change it; adapters persist it. */
export interface Application {
  readonly id: ApplicationId;
  readonly receiptNumber: ReceiptNumber;
  /** Client-chosen key of the submission: a retried submission returns the stored result. */
  readonly submissionKey: string;
  readonly procedureId: ProcedureId;
  readonly locale: Locale;
  readonly applicant: Applicant;
  readonly request: CertificateRequest;
  readonly fee: FeeBreakdown;
  readonly status: ApplicationStatus;
  /** Optimistic-concurrency version: 1 at insert, +1 on every change. */
  readonly version: number;
  readonly history: readonly StatusChange[];
  readonly signature: SignatureEvidence | null;
  readonly payment: PaymentRecord | null;
  /** SHA-256 hex of the resident's status-access secret (the secret itself is never stored). */
  readonly accessSecretHash: string;
  readonly submittedAt: Date;
  readonly updatedAt: Date;
  /**
   * The resident account that submitted it while logged in (R8); absent for submissions without an
   * account. Set once at submission, stored by the same insert (docs/adr/0018-resident-accounts.md).
   */
  readonly residentAccountId?: string;
  /**
   * How the request reached the municipality when staff entered it for the resident (S5: by mail, at the counter,
   * on paper, by phone or email); absent for a resident's own online submission. Its fee is paid outside the card
   * books (docs/adr/0040-staff-proxy-entry.md).
   */
  readonly intake?: Intake;
}
