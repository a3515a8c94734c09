import { errAsync, okAsync, ResultAsync } from "neverthrow";
import {
  applicationBooks,
  applyMoneyEvent,
  findProcedure,
  IdempotencyKey,
  moneyActionKey,
  paymentTimingOf,
  planAdjustment,
  planCancellation,
  planCompletion,
  type Application,
  type ApplicationBooks,
  type Clock,
  type LedgerRecord,
  type MoneyAction,
  type MoneyEvent,
  type MoneyInvariantViolation,
  type MoneyRefused,
  type PaymentError,
  type PaymentGateway,
  type PaymentLedgerStore,
  type ProcedureCatalog,
  type StorageError,
} from "@madoguchi/core";
import { appendWhatBooksMiss } from "./reconcile-authorization.ts";

/** What carrying out money decisions needs (a subset of `ServerDeps`). */
export interface MoneyDeps {
  readonly paymentLedger: PaymentLedgerStore;
  readonly gateway: PaymentGateway;
  readonly catalog: ProcedureCatalog;
  readonly clock: Clock;
}

/** Why the books could not be read or a call not be made. */
export type MoneyRunError = StorageError | PaymentError | MoneyInvariantViolation;

/** The submission's authorisation as the first event of the books (only an authorisation that holds money). */
const submittedAuthorization = (a: Application) =>
  a.payment !== null && (a.payment.status === "authorized" || a.payment.status === "captured") ? { id: a.payment.authorizationId, amount: a.payment.amount, at: a.submittedAt } : null;

/** The application's books: what was stored at submission and its ledger, read as one by core. */
export const loadBooks = (deps: MoneyDeps, a: Application): ResultAsync<ApplicationBooks, MoneyRunError> => {
  const procedure = findProcedure(deps.catalog, a.procedureId);
  return deps.paymentLedger
    .listForApplication(a.id)
    .andThen((records) =>
      applicationBooks(
        { fee: a.fee, paymentTiming: procedure === null ? "at_submission" : paymentTimingOf(procedure), authorization: submittedAuthorization(a), paidOutsideCard: a.intake !== undefined },
        records,
      ),
    );
};

/** The record of the next event of an application's books. */
export const ledgerRecord = (a: Application, books: ApplicationBooks, event: MoneyEvent, feeChange: LedgerRecord["feeChange"] = null): LedgerRecord => ({
  applicationId: a.id,
  procedureId: a.procedureId,
  seq: books.count + 1,
  event,
  feeChange,
});

type GatewayAction = Exclude<MoneyAction, { kind: "request_payment" }>;

/** One gateway call with the idempotency key made from the books it was planned on, and its event once done. */
const call = (deps: MoneyDeps, a: Application, books: ApplicationBooks, action: GatewayAction): ResultAsync<MoneyEvent, PaymentError> => {
  const key = IdempotencyKey(moneyActionKey(a.id, books.count, action));
  const at = () => deps.clock.now();
  switch (action.kind) {
    case "capture":
      return deps.gateway.capture(action.authorizationId, action.amount, key).map((): MoneyEvent => ({ kind: "captured", authorizationId: action.authorizationId, amount: action.amount, at: at() }));
    case "void":
      return deps.gateway.void(action.authorizationId, key).map((): MoneyEvent => ({ kind: "voided", authorizationId: action.authorizationId, at: at() }));
    case "refund":
      return deps.gateway.refund(action.authorizationId, action.amount, key).map((): MoneyEvent => ({ kind: "refunded", authorizationId: action.authorizationId, amount: action.amount, at: at() }));
  }
};

/**
 * The books moved while a call was made (a webhook recorded its outcome first, or a staff action): the
 * gateway's answer cannot be appended from the old count. Re-read the authorisation and append only what
 * the new books miss of it (ADR 27, "The webhook receiver"), so that the next plan never repeats a call
 * the gateway did. Should the books and the gateway disagree, the run stops with the original conflict.
 */
const catchUp = (deps: MoneyDeps, a: Application, authorizationId: string, conflict: StorageError): ResultAsync<ApplicationBooks, MoneyRunError> =>
  loadBooks(deps, a).andThen((books) =>
    deps.gateway.getAuthorization(authorizationId).andThen((report): ResultAsync<ApplicationBooks, MoneyRunError> => {
      if (report === null) return errAsync(conflict);
      return appendWhatBooksMiss(deps, a, books, report, { via: "carry_out", eventId: null, eventType: null, at: deps.clock.now() }).andThen((r) =>
        r.kind === "disagreement" ? errAsync(conflict) : okAsync(r.books),
      );
    }),
  );

/**
 * Carries out the gateway calls of a plan one at a time: call, then record the gateway's answer in the
 * books (its own append, so the next call's key is planned on the books that include it), then re-plan.
 * A failure stops the run and leaves the books saying exactly what happened; running it again plans the
 * same next call with the same key, so a call whose answer was lost (timeout) is answered by the gateway
 * from its first result, never made twice. `request_payment` is not a call: it is returned to be shown.
 */
export const carryOutMoney = (
  deps: MoneyDeps,
  a: Application,
  plan: (books: ApplicationBooks) => readonly MoneyAction[],
): ResultAsync<ApplicationBooks, MoneyRunError> => {
  const step = (books: ApplicationBooks, budget: number): ResultAsync<ApplicationBooks, MoneyRunError> => {
    const next = plan(books).find((x): x is GatewayAction => x.kind !== "request_payment");
    if (next === undefined || budget === 0) return okAsync(books);
    return call(deps, a, books, next).andThen((event) => {
      const applied = applyMoneyEvent(books.state, event);
      if (applied.isErr()) return errAsync(applied.error);
      return deps.paymentLedger
        .append(a.id, books.count, [ledgerRecord(a, books, event)])
        .map((): ApplicationBooks => ({ ...books, state: applied.value, count: books.count + 1 }))
        .orElse((e) => (e.reason === "conflict" ? catchUp(deps, a, next.authorizationId, e) : errAsync(e)))
        .andThen((b) => step(b, budget - 1));
    });
  };
  // A plan never needs more calls than the books have authorisations × 2 (capture or void, then refund); 20 is a guard.
  return loadBooks(deps, a).andThen((books) => step(books, 20));
};


/**
 * The money side of a status change, after the change is stored: completion captures exactly what is owed
 * (voiding the rest), rejection and withdrawal void what is held and refund what was captured. A failure is
 * logged without personal data and left in the books for the next run (staff's 「支払いを再実行」).
 */
export const settleMoneyAfterStatusChange = async (deps: MoneyDeps & { readonly logger: { warn(o: object, m: string): void } }, a: Application): Promise<void> => {
  if (a.status !== "completed" && a.status !== "rejected" && a.status !== "withdrawn") return;
  const carried = await carryOutMoney(deps, a, planForStatus(a));
  if (carried.isErr()) {
    const e = carried.error;
    deps.logger.warn({ event: "money.carry_out_failed", target: a.id, status: a.status, error: e._tag === "MoneyInvariantViolation" ? e.detail : e.reason }, "money");
  }
};

/**
 * What the books need for the application's status: completed → capture what is owed (and refund any
 * excess); rejected or withdrawn → void and refund everything; otherwise the refunds of fee changes.
 */
export const planForStatus = (a: Application) => (b: ApplicationBooks): readonly MoneyAction[] =>
  a.status === "completed"
    ? planCompletion(b.state).unwrapOr([])
    : a.status === "rejected" || a.status === "withdrawn"
      ? planCancellation(b.state)
      : planAdjustment(b.state);

/** Whether staff may complete the application as its money stands (事後決済 fixed, no difference unpaid). */
export const mayComplete = (deps: MoneyDeps, a: Application): ResultAsync<void, MoneyRunError | MoneyRefused> =>
  loadBooks(deps, a).andThen((books) => planCompletion(books.state).map(() => undefined));

/**
 * The application with its submission's payment record brought up to date from the books (captured or
 * voided since), for the staff detail. The stored record is the submission's snapshot; the books are
 * what happened after. Unreadable books leave the snapshot (the money panel then shows the error).
 */
export const withCurrentPaymentStatus = async (deps: MoneyDeps, a: Application): Promise<Application> => {
  if (a.payment === null) return a;
  const books = await loadBooks(deps, a);
  if (books.isErr()) return a;
  const ledger = books.value.state.authorizations.find((x) => x.authorizationId === a.payment?.authorizationId);
  return ledger === undefined ? a : { ...a, payment: { ...a.payment, status: ledger.status } };
};
