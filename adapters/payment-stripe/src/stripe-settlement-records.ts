import { IdempotencyKey, yen, type PaymentError, type SettlementPeriod, type SettlementRecord } from "@madoguchi/core";
import { Schema } from "effect";
import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import { paymentError } from "./payment-error.ts";
import { callStripe, type StripeHttpConfig } from "./stripe-http.ts";
import { brandOf, META } from "./stripe-objects.ts";

const Metadata = Schema.Record(Schema.String, Schema.String);
/** The PaymentIntent behind a charge or refund, expanded (`data.source.payment_intent`): our key and brand are in its metadata. */
const IntentRef = Schema.Union([Schema.String, Schema.Struct({ id: Schema.NonEmptyString, metadata: Schema.optional(Schema.NullOr(Metadata)) })]);

/**
 * A balance transaction (API reference, "Balance Transactions"), with its `source` expanded: the charge
 * (type `charge`, booked when the charge is captured) or the refund (type `refund`, a negative amount).
 */
const BalanceTransactionObject = Schema.Struct({
  id: Schema.NonEmptyString,
  amount: Schema.Int,
  created: Schema.Int,
  currency: Schema.String,
  type: Schema.String,
  source: Schema.NullOr(
    Schema.Union([
      Schema.String,
      Schema.Struct({
        id: Schema.NonEmptyString,
        payment_intent: Schema.optional(Schema.NullOr(IntentRef)),
        payment_method_details: Schema.optional(Schema.NullOr(Schema.Struct({ card: Schema.optional(Schema.NullOr(Schema.Struct({ brand: Schema.String }))) }))),
      }),
    ]),
  ),
});
type BalanceTransactionObject = typeof BalanceTransactionObject.Type;

const BalanceTransactionList = Schema.Struct({ data: Schema.Array(BalanceTransactionObject), has_more: Schema.Boolean });

/** Pages are followed to the end, but never more than this many per type (a list that never ends is an outage). */
const MAX_PAGES = 10_000;

/** A balance transaction as our record, or null when it is no card money of a PaymentIntent in yen. */
const recordOf = (bt: BalanceTransactionObject, kind: SettlementRecord["kind"]): SettlementRecord | null => {
  if (bt.currency !== "jpy" || typeof bt.source !== "object" || bt.source === null) return null;
  const intent = bt.source.payment_intent;
  if (intent === undefined || intent === null) return null;
  const intentId = typeof intent === "string" ? intent : intent.id;
  const metadata = typeof intent === "string" ? undefined : (intent.metadata ?? undefined);
  const key = metadata?.[META.idempotencyKey];
  const brand = brandOf(metadata?.[META.brand] ?? bt.source.payment_method_details?.card?.brand ?? "");
  return {
    id: bt.id,
    authorizationId: intentId,
    kind,
    // A refund's balance transaction is negative (money leaving the balance); the record says how much.
    amount: yen(Math.abs(bt.amount)),
    at: new Date(bt.created * 1000),
    brand,
    idempotencyKey: key === undefined || key === "" ? null : IdempotencyKey(key),
  };
};

/**
 * The Stripe account's own captures and refunds of a period (ADR 0029): `GET /v1/balance_transactions`
 * once with `type=charge` and once with `type=refund`, `created[gte]`/`created[lt]` (whole seconds: a
 * transaction at second s is in [from, to) exactly when ceil(from) ≤ s < ceil(to)), `currency=jpy`,
 * `limit` and `starting_after` to walk the pages (Stripe lists newest first), the source and its
 * PaymentIntent expanded for our key and the brand. Answered oldest first.
 */
export const listStripeSettlementRecords = (config: StripeHttpConfig, pageSize: number, period: SettlementPeriod): ResultAsync<readonly SettlementRecord[], PaymentError> => {
  const operation = "payment-gateway.listSettlementRecords";
  const created = { gte: String(Math.ceil(period.from.getTime() / 1000)), lt: String(Math.ceil(period.to.getTime() / 1000)) };
  const walk = (type: "charge" | "refund", startingAfter: string | undefined, so: readonly SettlementRecord[], pages: number): ResultAsync<readonly SettlementRecord[], PaymentError> =>
    callStripe(config, {
      operation,
      method: "GET",
      path: "v1/balance_transactions",
      params: { type, currency: "jpy", created, limit: pageSize, starting_after: startingAfter, expand: ["data.source.payment_intent"] },
      response: BalanceTransactionList,
    }).andThen((page) => {
      const all = [...so, ...page.data.flatMap((bt) => recordOf(bt, type === "charge" ? "capture" : "refund") ?? [])];
      const last = page.data.at(-1);
      if (!page.has_more || last === undefined) return okAsync(all);
      if (pages >= MAX_PAGES) return errAsync(paymentError(operation, "unavailable", "Stripe kept answering more pages of balance transactions"));
      return walk(type, last.id, all, pages + 1);
    });
  return walk("charge", undefined, [], 1)
    .andThen((charges) => walk("refund", undefined, charges, 1))
    .map((records) => [...records].sort((a, b) => a.at.getTime() - b.at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
};
