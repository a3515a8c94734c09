import { okAsync, type ResultAsync } from "neverthrow";
import {
  missingMoneyEvents,
  type Application,
  type ApplicationBooks,
  type AuditEntryDraft,
  type Authorization,
  type Clock,
  type LedgerRecord,
  type MoneyDisagreement,
  type MoneyEvent,
  type PaymentLedgerStore,
  type StorageError,
  foldMoneyEvents,
} from "@madoguchi/core";

/** What brought the books up to the gateway: a verified webhook event, our own call whose answer could not be recorded, or the scheduled sweep. */
export interface ReconcileContext {
  readonly via: "webhook" | "carry_out" | "sweep";
  /** The gateway's event id and type (webhooks), else null. */
  readonly eventId: string | null;
  readonly eventType: string | null;
  /** When the events are recorded as having happened (the gateway's event time for a webhook). */
  readonly at: Date;
}

/** The books after reconciling one authorisation, or why they were left alone. */
export type Reconciled =
  | { readonly kind: "appended"; readonly events: readonly MoneyEvent[]; readonly books: ApplicationBooks }
  | { readonly kind: "up_to_date"; readonly books: ApplicationBooks }
  | { readonly kind: "disagreement"; readonly disagreement: MoneyDisagreement };

/**
 * Appends to `a`'s books what they miss of the gateway's `report` of one authorisation (core decides:
 * `missingMoneyEvents`), with one `payment.reconciled` audit entry, in one write from the books' count.
 * A concurrent writer makes it `StorageError{conflict}` with nothing written: the caller reloads and asks
 * again. The entry holds ids, amounts and the event's id and type: no personal data.
 */
export const appendWhatBooksMiss = (
  deps: { readonly paymentLedger: PaymentLedgerStore; readonly clock: Clock },
  a: Application,
  books: ApplicationBooks,
  report: Authorization,
  context: ReconcileContext,
): ResultAsync<Reconciled, StorageError> => {
  const missing = missingMoneyEvents(books.state, report, context.at);
  if (missing.isErr()) return okAsync({ kind: "disagreement", disagreement: missing.error });
  const events = missing.value;
  if (events.length === 0) return okAsync({ kind: "up_to_date", books });
  const records = events.map((event, i): LedgerRecord => ({ applicationId: a.id, procedureId: a.procedureId, seq: books.count + 1 + i, event, feeChange: null }));
  const audit: AuditEntryDraft = {
    at: deps.clock.now(),
    actor: { kind: "system", id: null },
    action: "payment.reconciled",
    target: { kind: "application", id: a.id },
    result: "success",
    sourceIp: null,
    details: {
      via: context.via,
      authorizationId: report.id,
      eventId: context.eventId,
      eventType: context.eventType,
      appended: events.map((e) => ("amount" in e ? `${e.kind}:${e.amount}` : e.kind)).join(","),
      gatewayStatus: report.status,
      gatewayCaptured: report.capturedAmount,
      gatewayRefunded: report.refundedAmount,
    },
  };
  // missingMoneyEvents has checked the events against these very books: the fold succeeds.
  const state = foldMoneyEvents(books.state, events);
  if (state.isErr()) return okAsync({ kind: "disagreement", disagreement: { _tag: "MoneyDisagreement", code: "money.gateway_disagrees", authorizationId: report.id, detail: "invalid_snapshot" } });
  return deps.paymentLedger
    .append(a.id, books.count, records, [audit])
    .map((): Reconciled => ({ kind: "appended", events, books: { ...books, state: state.value, count: books.count + records.length } }));
};
