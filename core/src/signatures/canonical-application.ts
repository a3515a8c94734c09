import canonicalize from "canonicalize";
import type { Applicant, CertificateRequest } from "../applications/application.ts";
import type { FeeBreakdown } from "../fees/fee.ts";
import type { PaymentTiming } from "../procedures/procedure.ts";

/** Type tag of the signed document; a new major changes what is signed and how. */
export const CANONICAL_APPLICATION_TYPE = "madoguchi.application/v1" as const;

/** What the resident signs: the normalised application as it will be stored, with its fee. */
export interface CanonicalApplicationInput {
  readonly municipalityCode: string;
  readonly procedureId: string;
  readonly submissionKey: string;
  readonly applicant: Applicant;
  readonly request: CertificateRequest;
  readonly fee: FeeBreakdown;
  /**
   * When the fee is paid (absent: `at_submission`). Only `after_assessment` (事後決済) appears in the
   * document — the resident then signs that the fee is an estimate staff fix later — so the signed bytes
   * of every `at_submission` procedure are unchanged.
   */
  readonly paymentTiming?: PaymentTiming;
}

/**
 * The RFC 8785 (JCS) canonical JSON of the application document that the resident signs with the
 * JPKI signature certificate. The same data always gives the same bytes, whatever the key order, so
 * the server can rebuild the exact signed text from stored data and verify it later. Fee labels are
 * left out (they are display text, not what is agreed to); amounts, unit prices and quantities are in.
 */
export const canonicalApplicationJson = (input: CanonicalApplicationInput): string => {
  const doc = {
    type: CANONICAL_APPLICATION_TYPE,
    municipalityCode: input.municipalityCode,
    procedureId: input.procedureId,
    submissionKey: input.submissionKey,
    applicant: {
      name: input.applicant.name,
      nameKana: input.applicant.nameKana,
      postalCode: input.applicant.postalCode,
      address: input.applicant.address,
      dateOfBirth: input.applicant.dateOfBirth,
      phone: input.applicant.phone,
      email: input.applicant.email,
    },
    request: {
      copies: input.request.copies,
      deliveryMethodId: input.request.deliveryMethodId,
      extra: { ...input.request.extra },
    },
    fee: {
      total: input.fee.total,
      lines: input.fee.lines.map((l) => ({ kind: l.kind, unitPrice: l.unitPrice, quantity: l.quantity, amount: l.amount })),
    },
    ...(input.paymentTiming === "after_assessment" ? { paymentTiming: "after_assessment" } : {}),
  };
  const json = canonicalize(doc);
  // Only non-JSON values (undefined, functions, NaN) make canonicalize fail: a programmer error.
  if (json === undefined) throw new TypeError("application document is not serialisable");
  return json;
};
