import type { FeeBreakdown } from "../fees/fee.ts";
import { staffNewApplicationMessage, type OutboxMessage } from "../notifications/outbox.ts";
import type { Hasher } from "../shared/hasher.port.ts";
import type { IdGenerator } from "../shared/id-generator.port.ts";
import type { Actor, Application, PaymentRecord, SignatureEvidence } from "./application.ts";
import type { ValidatedApplicationInput } from "./validate-application-input.ts";

/** What a new application is made of besides its validated input: the fee, who submitted it, and its evidence. */
export interface NewApplicationParts {
  readonly input: ValidatedApplicationInput;
  readonly fee: FeeBreakdown;
  readonly now: Date;
  /** The resident online, or the staff member who entered it for them (S5). */
  readonly by: Actor;
  readonly signature: SignatureEvidence | null;
  readonly payment: PaymentRecord | null;
  /** Set once: the resident account (R8) or the intake record (S5). */
  readonly extra?: Pick<Application, "residentAccountId" | "intake">;
}

/**
 * A new application as both ways of submitting store it (the resident's `submitApplication`, the staff's
 * `enterApplicationForResident`): status `submitted`, version 1, fresh ids, and the hash of a new status-access secret,
 * returned once for the resident.
 */
export const newSubmittedApplication = (ids: IdGenerator, hasher: Hasher, parts: NewApplicationParts): { readonly application: Application; readonly accessSecret: string } => {
  const { input: v, now } = parts;
  const accessSecret = ids.secret();
  const application: Application = {
    id: ids.applicationId(),
    receiptNumber: ids.receiptNumber(now),
    submissionKey: v.submissionKey,
    procedureId: v.procedure.id,
    locale: v.locale,
    applicant: v.applicant,
    request: v.request,
    fee: parts.fee,
    status: "submitted",
    version: 1,
    history: [{ from: null, to: "submitted", at: now, by: parts.by, reason: null }],
    signature: parts.signature,
    payment: parts.payment,
    accessSecretHash: hasher.sha256Hex(accessSecret),
    submittedAt: now,
    updatedAt: now,
    ...(parts.extra ?? {}),
  };
  return { application, accessSecret };
};

/** The messages stored with a new application: the resident's 受付 mail and (S7) the notice to the staff who may process it. */
export const newApplicationMessages = (ids: IdGenerator, application: Application, now: Date): OutboxMessage[] => [
  { id: ids.uuid(), kind: "application.status_changed", applicationId: application.id, status: "submitted", createdAt: now },
  staffNewApplicationMessage(application.id, now),
];
