import type { ApplicationId } from "../shared/ids.ts";
import type { ApplicationStatus } from "../applications/application-status.ts";
import type { PaymentDueReason } from "./render-status-email.ts";

/**
 * A side effect to perform after a committed change (transactional outbox). It carries no personal
 * data: the relay loads the application and renders the email when it sends.
 */
export type OutboxMessage = StatusChangedMessage | PaymentDueMessage | StaffNewApplicationMessage;

interface OutboxMessageBase {
  readonly id: string;
  readonly applicationId: ApplicationId;
  readonly createdAt: Date;
}

/** The application entered a status: the resident is mailed it. Written by the {@link ApplicationStore}. */
export interface StatusChangedMessage extends OutboxMessageBase {
  readonly kind: "application.status_changed";
  /** The status the application entered (`submitted` for the submission itself). */
  readonly status: ApplicationStatus;
}

/**
 * Staff fixed or changed a fee so that money is owed (ADR 26): the resident is mailed the amount. Written by
 * the PaymentLedgerStore with the fee change that decided it, so the mail is neither lost nor sent for a change
 * that was not kept. The amount is the fee, not personal data.
 */
export interface PaymentDueMessage extends OutboxMessageBase {
  readonly kind: "application.payment_due";
  /** Integer yen owed (> 0). */
  readonly amount: number;
  readonly reason: PaymentDueReason;
  /** The books' record that asked for the money. */
  readonly seq: number;
}

/**
 * A new application arrived (S7): the staff who may process it are mailed that it is waiting — the receipt number
 * and the procedure, nothing of the resident. Written with the submission, so no application goes unannounced.
 */
export interface StaffNewApplicationMessage extends OutboxMessageBase {
  readonly kind: "staff.new_application";
}

/** The outbox message that tells the staff of a new application; one per application. */
export const staffNewApplicationMessage = (applicationId: ApplicationId, createdAt: Date): StaffNewApplicationMessage => ({
  id: `staff-new-application-${applicationId}`,
  kind: "staff.new_application",
  applicationId,
  createdAt,
});

/** The outbox message that mails the resident the amount a fee change made due; its id is stable per request. */
export const paymentDueMessage = (
  applicationId: ApplicationId,
  due: { readonly amount: number; readonly reason: PaymentDueReason; readonly seq: number },
  createdAt: Date,
): PaymentDueMessage => ({ id: `payment-due-${applicationId}-${due.seq}`, kind: "application.payment_due", applicationId, amount: due.amount, reason: due.reason, seq: due.seq, createdAt });

/** An outbox message with its delivery state. */
export interface OutboxEntry {
  readonly message: OutboxMessage;
  readonly attempts: number;
  readonly nextAttemptAt: Date;
  readonly sentAt: Date | null;
  /** Last failure, without personal data. */
  readonly lastError: string | null;
}
