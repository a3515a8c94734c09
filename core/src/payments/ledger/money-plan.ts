import { err, ok, type Result } from "neverthrow";
import { yen, type Yen } from "../../shared/yen.ts";
import { applyMoneyEvent, moneyTotals, type AuthorizationLedger, type MoneyInvariantViolation, type MoneyState } from "./money-state.ts";

/**
 * A gateway call the server must make, decided by core from the books alone. The server carries it out
 * through the `PaymentGateway` port and records the gateway's answer as a `MoneyEvent`.
 */
export type MoneyAction =
  | { readonly kind: "capture"; readonly authorizationId: string; readonly amount: Yen }
  | { readonly kind: "void"; readonly authorizationId: string }
  | { readonly kind: "refund"; readonly authorizationId: string; readonly amount: Yen }
  /** Not a gateway call: the resident is asked to pay this difference (a new authorisation). */
  | { readonly kind: "request_payment"; readonly amount: Yen };

/** Why money cannot move as asked. */
export interface MoneyRefused {
  readonly _tag: "MoneyRefused";
  readonly code:
    /** 事後決済: staff have not fixed the amount yet, so there is nothing to capture. */
    | "money.fee_not_fixed"
    /** The resident has not paid the difference a fee change asked for: completing would under-collect. */
    | "money.difference_unpaid";
  readonly pendingDifference: Yen;
}

/**
 * Refunds that bring `net` down to what the held authorisations cannot absorb: captured money above `due`
 * goes back, newest capture first (the difference payment is the first to be returned).
 */
const refundsFor = (authorizations: readonly AuthorizationLedger[], amount: number): MoneyAction[] => {
  const actions: MoneyAction[] = [];
  let left = amount;
  for (const a of [...authorizations].reverse()) {
    if (left <= 0) break;
    const refundable = a.captured - a.refunded;
    if (a.status !== "captured" || refundable <= 0) continue;
    const r = Math.min(refundable, left);
    actions.push({ kind: "refund", authorizationId: a.authorizationId, amount: yen(r) });
    left -= r;
  }
  return actions;
};

/**
 * What the books need now, between submission and completion: refund captured money the held
 * authorisations cannot absorb, or ask the resident for the difference. Held authorisations are left
 * alone — they are **captured less** at completion. Re-planning from the same books gives the same
 * actions, so a failed call is retried by planning again.
 */
export const planAdjustment = (state: MoneyState): readonly MoneyAction[] => {
  const t = moneyTotals(state);
  if (t.pendingDifference > 0) return [{ kind: "request_payment", amount: t.pendingDifference }];
  return refundsFor(state.authorizations, Math.max(0, t.excess - t.held));
};

/** What a staff fee change means for the money, in the words staff see. */
export type FeeChangeEffect = "none" | "capture_less" | "refund" | "request_payment";

/** A staff fee change decided: the books with the new amount owed, the calls to make, and the effect. */
export interface FeeChangeDecision {
  readonly next: MoneyState;
  readonly actions: readonly MoneyAction[];
  readonly effect: FeeChangeEffect;
}

/**
 * Staff change (or, for 事後決済, fix) the amount owed to `newDue`: **capture less** when the held
 * authorisations cover it, **refund** what was captured above it, or **ask the resident to pay the
 * difference**. Pure: the server records the `fee_fixed` event, then carries out `actions`.
 */
export const decideFeeChange = (state: MoneyState, newDue: Yen, at: Date): Result<FeeChangeDecision, MoneyInvariantViolation> =>
  applyMoneyEvent(state, { kind: "fee_fixed", due: newDue, at }).map((next) => {
    const actions = planAdjustment(next);
    const t = moneyTotals(next);
    const effect: FeeChangeEffect = actions.some((a) => a.kind === "request_payment")
      ? "request_payment"
      : actions.some((a) => a.kind === "refund")
        ? "refund"
        : t.excess > 0 && t.held > 0
          ? "capture_less"
          : "none";
    return { next, actions, effect };
  });

/**
 * Completion (完了): capture exactly what is owed from the held authorisations, oldest first, void the
 * ones not needed, and refund anything captured above it. Refused while the fee is not fixed or the
 * resident still owes a difference.
 */
export const planCompletion = (state: MoneyState): Result<readonly MoneyAction[], MoneyRefused> => {
  const t = moneyTotals(state);
  if (!state.feeFixed) return err({ _tag: "MoneyRefused", code: "money.fee_not_fixed", pendingDifference: t.pendingDifference });
  if (t.pendingDifference > 0) return err({ _tag: "MoneyRefused", code: "money.difference_unpaid", pendingDifference: t.pendingDifference });
  const actions: MoneyAction[] = [];
  let need = Math.max(0, state.due - t.net);
  for (const a of state.authorizations) {
    if (a.status !== "authorized") continue;
    const take = Math.min(a.amount, need);
    actions.push(take > 0 ? { kind: "capture", authorizationId: a.authorizationId, amount: yen(take) } : { kind: "void", authorizationId: a.authorizationId });
    need -= take;
  }
  return ok([...actions, ...refundsFor(state.authorizations, Math.max(0, t.net - state.due))]);
};

/** Rejection (不受理) or withdrawal (取下げ): void every held authorisation and refund everything captured. */
export const planCancellation = (state: MoneyState): readonly MoneyAction[] => [
  ...state.authorizations.filter((a) => a.status === "authorized").map((a): MoneyAction => ({ kind: "void", authorizationId: a.authorizationId })),
  ...state.authorizations
    .filter((a) => a.status === "captured" && a.captured > a.refunded)
    .map((a): MoneyAction => ({ kind: "refund", authorizationId: a.authorizationId, amount: yen(a.captured - a.refunded) })),
];

/**
 * The idempotency key of a gateway call, created before the first try: the application, how many events
 * the books held when it was planned, and the call. A retry after a timeout plans from the same books and
 * so sends the same key; once the answer is recorded the next call gets a new one.
 */
export const moneyActionKey = (applicationId: string, eventCount: number, action: Exclude<MoneyAction, { kind: "request_payment" }>): string =>
  `${action.kind}-${applicationId}-${eventCount}-${action.authorizationId}`;
