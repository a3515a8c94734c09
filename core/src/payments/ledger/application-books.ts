import type { Result } from "neverthrow";
import type { FeeBreakdown } from "../../fees/fee.ts";
import type { PaymentTiming } from "../../procedures/procedure.ts";
import { yen } from "../../shared/yen.ts";
import { foldMoneyEvents, initialMoneyState, type MoneyInvariantViolation, type MoneyState } from "./money-state.ts";
import type { LedgerRecord } from "./payment-ledger-store.port.ts";

/** Where an application's money stands: the books folded, the fee in force, and how many records there are. */
export interface ApplicationBooks {
  readonly state: MoneyState;
  /** The fee after the latest staff change, or the one computed at submission. */
  readonly fee: FeeBreakdown;
  /** How many records the books hold: the `expectedCount` of the next append. */
  readonly count: number;
}

/**
 * The books of an application from what was stored at submission (its fee, its authorisation if any)
 * and its ledger records. The submission's authorisation is the first event when the ledger has none yet
 * (applications paid before the ledger existed read the same way). A broken record is reported, never skipped.
 */
export const applicationBooks = (
  submitted: {
    readonly fee: FeeBreakdown;
    readonly paymentTiming: PaymentTiming;
    readonly authorization: { readonly id: string; readonly amount: number; readonly at: Date } | null;
    /**
     * S5: staff entered it and its fee is paid outside the card books (定額小為替, cash): nothing is owed to these
     * books, so completion captures nothing and no difference is asked for by card.
     */
    readonly paidOutsideCard?: boolean;
  },
  records: readonly LedgerRecord[],
): Result<ApplicationBooks, MoneyInvariantViolation> => {
  const start = submitted.paidOutsideCard === true ? initialMoneyState(yen(0), true) : initialMoneyState(submitted.fee.total, submitted.paymentTiming === "at_submission");
  const hasOwnAuthorization = records.some((r) => r.event.kind === "authorized" && r.event.authorizationId === submitted.authorization?.id);
  const events = [
    ...(submitted.authorization === null || hasOwnAuthorization
      ? []
      : [{ kind: "authorized" as const, authorizationId: submitted.authorization.id, amount: yen(submitted.authorization.amount), at: submitted.authorization.at }]),
    ...records.map((r) => r.event),
  ];
  const fee = records.reduce((f, r) => r.feeChange?.fee ?? f, submitted.fee);
  return foldMoneyEvents(start, events).map((state) => ({ state, fee, count: records.length }));
};
