import type { Actor, Applicant, Application, ApplicationStatus, CertificateRequest, Intake, SignatureEvidence, StatusChange } from "@madoguchi/core";

/** Card display data of a payment: kept encrypted, although it is not card data in the PCI sense. */
interface PaymentCard {
  readonly brand: string;
  readonly last4: string;
}

/** The personal part of an application as JSON (format version 1). Dates are ISO strings. */
interface PersonalJson {
  readonly v: 1;
  readonly applicant: Applicant;
  readonly request: CertificateRequest;
  readonly signature: (Omit<SignatureEvidence, "verifiedAt"> & { readonly verifiedAt: string }) | null;
  readonly history: readonly { readonly from: ApplicationStatus | null; readonly to: ApplicationStatus; readonly at: string; readonly by: Actor; readonly reason: string | null }[];
  readonly paymentCard: PaymentCard | null;
  /** S5: how staff received it; absent for a resident's own submission (and in rows written before S5). */
  readonly intake?: Intake;
}

/** The personal fields of an application, decoded. */
export interface PersonalPart {
  readonly applicant: Applicant;
  readonly request: CertificateRequest;
  readonly signature: SignatureEvidence | null;
  readonly history: readonly StatusChange[];
  readonly paymentCard: PaymentCard | null;
  readonly intake?: Intake;
}

/** Serialises the personal part of `app` to UTF-8 JSON (encrypted right after, never stored as is). */
export const encodePersonal = (app: Application): Uint8Array => {
  const json: PersonalJson = {
    v: 1,
    applicant: app.applicant,
    request: app.request,
    signature: app.signature === null ? null : { ...app.signature, verifiedAt: app.signature.verifiedAt.toISOString() },
    history: app.history.map((h) => ({ from: h.from, to: h.to, at: h.at.toISOString(), by: h.by, reason: h.reason })),
    paymentCard: app.payment === null ? null : { brand: app.payment.brand, last4: app.payment.last4 },
    ...(app.intake === undefined ? {} : { intake: app.intake }),
  };
  return new TextEncoder().encode(JSON.stringify(json));
};

/**
 * Parses the decrypted personal part. The bytes authenticated under the row's key, so they are what
 * this adapter wrote; only the format version is checked. `null` for an unknown format.
 */
export const decodePersonal = (bytes: Uint8Array): PersonalPart | null => {
  const json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) as PersonalJson;
  if (json.v !== 1) return null;
  return {
    applicant: json.applicant,
    request: json.request,
    signature: json.signature === null ? null : { ...json.signature, verifiedAt: new Date(json.signature.verifiedAt) },
    history: json.history.map((h) => ({ from: h.from, to: h.to, at: new Date(h.at), by: h.by, reason: h.reason })),
    paymentCard: json.paymentCard,
    ...(json.intake === undefined ? {} : { intake: json.intake }),
  };
};
