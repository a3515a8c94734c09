import { err, ok, type Result } from "neverthrow";
import { yen, type Yen } from "../../shared/yen.ts";

/**
 * One card authorisation of an application as our books know it. It mirrors the gateway's
 * `Authorization` (payment-gateway@2): captured once (a partial capture releases the rest), refunded in
 * parts up to the capture. Invariant: amount ≥ captured ≥ refunded.
 */
export interface AuthorizationLedger {
  readonly authorizationId: string;
  readonly amount: Yen;
  readonly captured: Yen;
  readonly refunded: Yen;
  readonly status: "authorized" | "captured" | "voided";
}

/**
 * The money of one application: what the resident owes (`due`, the current fee total) and every
 * authorisation made for it (the first at submission, more when the resident paid a difference).
 * `feeFixed` is false while a 事後決済 application waits for staff to fix the amount: nothing is owed yet.
 */
export interface MoneyState {
  readonly due: Yen;
  readonly feeFixed: boolean;
  readonly authorizations: readonly AuthorizationLedger[];
}

/** What happened to the money, in the order it happened. The books are this list folded ({@link applyMoneyEvent}). */
export type MoneyEvent =
  | { readonly kind: "authorized"; readonly authorizationId: string; readonly amount: Yen; readonly at: Date }
  | { readonly kind: "captured"; readonly authorizationId: string; readonly amount: Yen; readonly at: Date }
  | { readonly kind: "voided"; readonly authorizationId: string; readonly at: Date }
  | { readonly kind: "refunded"; readonly authorizationId: string; readonly amount: Yen; readonly at: Date }
  /** Staff fixed or changed the amount owed (the reason and who did it are in the fee change and the audit log). */
  | { readonly kind: "fee_fixed"; readonly due: Yen; readonly at: Date };

/** An event that would break the books: captured above authorised, refunded above captured, twice, or unknown. */
export interface MoneyInvariantViolation {
  readonly _tag: "MoneyInvariantViolation";
  readonly code: "money.invariant_violation";
  readonly event: MoneyEvent["kind"];
  readonly detail:
    | "unknown_authorization"
    | "duplicate_authorization"
    | "not_capturable"
    | "capture_exceeds_authorized"
    | "not_voidable"
    | "not_refundable"
    | "refund_exceeds_captured";
}

const violation = (event: MoneyEvent["kind"], detail: MoneyInvariantViolation["detail"]): MoneyInvariantViolation => ({
  _tag: "MoneyInvariantViolation",
  code: "money.invariant_violation",
  event,
  detail,
});

/** The books of a new application: `due` owed (fixed unless the fee waits for staff, 事後決済), nothing paid. */
export const initialMoneyState = (due: Yen, feeFixed: boolean): MoneyState => ({ due: feeFixed ? due : yen(0), feeFixed, authorizations: [] });

/** The books after `event`, or the violation it would cause (the books are then unchanged). */
export const applyMoneyEvent = (state: MoneyState, event: MoneyEvent): Result<MoneyState, MoneyInvariantViolation> => {
  if (event.kind === "fee_fixed") return ok({ ...state, due: event.due, feeFixed: true });
  const current = state.authorizations.find((a) => a.authorizationId === event.authorizationId);
  if (event.kind === "authorized") {
    if (current !== undefined) return err(violation(event.kind, "duplicate_authorization"));
    return ok({
      ...state,
      authorizations: [...state.authorizations, { authorizationId: event.authorizationId, amount: event.amount, captured: yen(0), refunded: yen(0), status: "authorized" }],
    });
  }
  if (current === undefined) return err(violation(event.kind, "unknown_authorization"));
  const replace = (next: AuthorizationLedger): MoneyState => ({
    ...state,
    authorizations: state.authorizations.map((a) => (a.authorizationId === next.authorizationId ? next : a)),
  });
  switch (event.kind) {
    case "captured":
      if (current.status !== "authorized") return err(violation(event.kind, "not_capturable"));
      if (event.amount > current.amount) return err(violation(event.kind, "capture_exceeds_authorized"));
      return ok(replace({ ...current, captured: event.amount, status: "captured" }));
    case "voided":
      if (current.status !== "authorized") return err(violation(event.kind, "not_voidable"));
      return ok(replace({ ...current, status: "voided" }));
    case "refunded":
      if (current.status !== "captured") return err(violation(event.kind, "not_refundable"));
      if (current.refunded + event.amount > current.captured) return err(violation(event.kind, "refund_exceeds_captured"));
      return ok(replace({ ...current, refunded: yen(current.refunded + event.amount) }));
  }
};

/** The books from a list of events; the first violation stops the fold. */
export const foldMoneyEvents = (start: MoneyState, events: readonly MoneyEvent[]): Result<MoneyState, MoneyInvariantViolation> =>
  events.reduce<Result<MoneyState, MoneyInvariantViolation>>((acc, e) => acc.andThen((s) => applyMoneyEvent(s, e)), ok(start));

/** The sums staff see and the report adds up. */
export interface MoneyTotals {
  /** Σ amounts of the authorisations not voided (a captured one keeps its authorised amount). */
  readonly authorized: Yen;
  readonly captured: Yen;
  readonly refunded: Yen;
  /** Authorised and not yet captured: what a capture can still take. */
  readonly held: Yen;
  /** captured − refunded: what the municipality keeps so far. */
  readonly net: Yen;
  /** What the resident still has to pay: due − (held + net), at least 0. */
  readonly pendingDifference: Yen;
  /** held + net above due: what will be captured less or refunded. */
  readonly excess: Yen;
}

const sum = (ns: readonly number[]): number => ns.reduce((a, b) => a + b, 0);

/** The totals of the books. */
export const moneyTotals = (state: MoneyState): MoneyTotals => {
  const live = state.authorizations.filter((a) => a.status !== "voided");
  const captured = sum(state.authorizations.map((a) => a.captured));
  const refunded = sum(state.authorizations.map((a) => a.refunded));
  const held = sum(state.authorizations.filter((a) => a.status === "authorized").map((a) => a.amount));
  const covered = held + captured - refunded;
  return {
    authorized: yen(sum(live.map((a) => a.amount))),
    captured: yen(captured),
    refunded: yen(refunded),
    held: yen(held),
    net: yen(captured - refunded),
    pendingDifference: yen(Math.max(0, state.due - covered)),
    excess: yen(Math.max(0, covered - state.due)),
  };
};
