import { err, ok, type Result } from "neverthrow";
import { yen } from "../../shared/yen.ts";
import type { Authorization } from "../payment-gateway.port.ts";
import { foldMoneyEvents, type MoneyEvent, type MoneyState } from "./money-state.ts";

/**
 * The books and the gateway's report of one authorisation cannot both be right: nothing is appended, and
 * staff must look (ADR 27, "The webhook receiver"). `detail` is closed:
 * - `not_in_books`: the books never recorded this authorisation;
 * - `amount_differs`: the gateway reports another authorised amount;
 * - `captured_differs`: both say captured, for different amounts (a capture happens once);
 * - `voided_but_captured` / `captured_but_voided`: the gateway says the first, the books the second;
 * - `invalid_snapshot`: the report breaks the port's own invariant (refunded above captured, captured above amount);
 * - `gateway_behind_books`: a fresh read of the gateway has less captured or refunded than the books
 *   ({@link freshReportBehindBooks}: a refund that failed after the gateway had accepted it).
 */
export interface MoneyDisagreement {
  readonly _tag: "MoneyDisagreement";
  readonly code: "money.gateway_disagrees";
  readonly authorizationId: string;
  readonly detail: "not_in_books" | "amount_differs" | "captured_differs" | "voided_but_captured" | "captured_but_voided" | "invalid_snapshot" | "gateway_behind_books";
}

const disagreement = (authorizationId: string, detail: MoneyDisagreement["detail"]): MoneyDisagreement => ({
  _tag: "MoneyDisagreement",
  code: "money.gateway_disagrees",
  authorizationId,
  detail,
});

/**
 * What the books miss of an authorisation, given the gateway's report of it (a webhook's re-read, a lookup):
 * the events to append so that the books say what the gateway did — a capture or void whose answer was
 * lost, a refund made at the gateway's dashboard. Money only moves forward, so a report the books are
 * already at or past (a late or duplicated webhook, an older snapshot) adds nothing: applying the answer,
 * then asking again with any report of the same authorisation, adds nothing more. That makes a receiver
 * idempotent and order-independent without remembering event ids. Every event is checked against the books
 * (`applyMoneyEvent`): a refund never exceeds the capture. `at` is when the events are recorded as happening.
 */
export const missingMoneyEvents = (state: MoneyState, gateway: Authorization, at: Date): Result<readonly MoneyEvent[], MoneyDisagreement> => {
  const id = gateway.id;
  const books = state.authorizations.find((a) => a.authorizationId === id);
  if (books === undefined) return err(disagreement(id, "not_in_books"));
  if (gateway.amount !== books.amount) return err(disagreement(id, "amount_differs"));
  const events: MoneyEvent[] = [];
  switch (gateway.status) {
    case "challenge_required":
    case "authorized":
      // The books hold at least an authorisation: this report is not ahead of them.
      return ok([]);
    case "voided":
      if (books.status === "captured") return err(disagreement(id, "voided_but_captured"));
      if (books.status === "authorized") events.push({ kind: "voided", authorizationId: id, at });
      break;
    case "captured": {
      if (books.status === "voided") return err(disagreement(id, "captured_but_voided"));
      if (books.status === "captured" && books.captured !== gateway.capturedAmount) return err(disagreement(id, "captured_differs"));
      if (books.status === "authorized") events.push({ kind: "captured", authorizationId: id, amount: gateway.capturedAmount, at });
      const refundedInBooks = books.status === "captured" ? books.refunded : 0;
      // A report with fewer refunds than the books is an older snapshot: nothing to add.
      if (gateway.refundedAmount > refundedInBooks) events.push({ kind: "refunded", authorizationId: id, amount: yen(gateway.refundedAmount - refundedInBooks), at });
      break;
    }
  }
  // The books' own rules decide last: a report breaking the port's invariant adds nothing.
  return foldMoneyEvents(state, events).match(
    () => ok(events),
    () => err(disagreement(id, "invalid_snapshot")),
  );
};

/**
 * For a report read from the gateway just now (not a webhook's snapshot, which may be older): the books record an
 * event only after the gateway answered it, so a gateway that now shows less captured or refunded than the books
 * undid something after accepting it — in practice a refund that failed later (Stripe: `refund.failed`). That is
 * a disagreement for staff; {@link missingMoneyEvents} alone would take the report for an older snapshot.
 */
export const freshReportBehindBooks = (state: MoneyState, fresh: Authorization): MoneyDisagreement | null => {
  const books = state.authorizations.find((a) => a.authorizationId === fresh.id);
  if (books === undefined || books.status !== "captured") return null;
  const gatewayCaptured = fresh.status === "captured" ? fresh.capturedAmount : 0;
  const gatewayRefunded = fresh.status === "captured" ? fresh.refundedAmount : 0;
  return gatewayCaptured < books.captured || gatewayRefunded < books.refunded ? disagreement(fresh.id, "gateway_behind_books") : null;
};
