import { IdempotencyKey, yen, type Authorization, type CardBrand, type SavedCard } from "@madoguchi/core";
import { Schema } from "effect";

/**
 * The parts of Stripe's objects (API reference) that we read. Unknown fields are ignored, so Stripe
 * adding fields never breaks decoding; the API version is pinned besides.
 */
const NonNegativeInt = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0));
const Metadata = Schema.Record(Schema.String, Schema.String);

/** Metadata keys we set on Stripe objects: our idempotency key and the card's display data, never personal data. */
export const META = {
  idempotencyKey: "madoguchi_idempotency_key",
  brand: "madoguchi_brand",
  last4: "madoguchi_last4",
  /** On a payment method: the saved-card id the resident knows (the first payment method's id; see ADR 0028). */
  cardId: "madoguchi_card_id",
  /** On a customer: our opaque reference (a resident account id). */
  reference: "madoguchi_reference",
} as const;

const Card = Schema.Struct({ brand: Schema.String, last4: Schema.String, exp_month: Schema.Int, exp_year: Schema.Int });

export const PaymentMethodObject = Schema.Struct({
  id: Schema.NonEmptyString,
  type: Schema.String,
  card: Schema.optional(Schema.NullOr(Card)),
  customer: Schema.optional(Schema.NullOr(Schema.String)),
  metadata: Schema.optional(Schema.NullOr(Metadata)),
});
export type PaymentMethodObject = typeof PaymentMethodObject.Type;

export const ChargeObject = Schema.Struct({
  id: Schema.NonEmptyString,
  amount: NonNegativeInt,
  amount_captured: Schema.optional(NonNegativeInt),
  amount_refunded: NonNegativeInt,
  captured: Schema.Boolean,
  payment_intent: Schema.optional(Schema.NullOr(Schema.String)),
  payment_method_details: Schema.optional(Schema.NullOr(Schema.Struct({ card: Schema.optional(Schema.NullOr(Schema.Struct({ brand: Schema.String, last4: Schema.String }))) }))),
  metadata: Schema.optional(Schema.NullOr(Metadata)),
});
export type ChargeObject = typeof ChargeObject.Type;

export const PaymentIntentObject = Schema.Struct({
  id: Schema.NonEmptyString,
  amount: NonNegativeInt,
  amount_received: NonNegativeInt,
  status: Schema.String,
  metadata: Schema.optional(Schema.NullOr(Metadata)),
  /** An id, or the charge when the call asked for `expand[]=latest_charge`. */
  latest_charge: Schema.optional(Schema.NullOr(Schema.Union([Schema.String, ChargeObject]))),
  next_action: Schema.optional(Schema.NullOr(Schema.Struct({ type: Schema.String, redirect_to_url: Schema.optional(Schema.NullOr(Schema.Struct({ url: Schema.String }))) }))),
  last_payment_error: Schema.optional(Schema.NullOr(Schema.Struct({ code: Schema.optional(Schema.String) }))),
});
export type PaymentIntentObject = typeof PaymentIntentObject.Type;

export const CustomerObject = Schema.Struct({ id: Schema.NonEmptyString, metadata: Schema.optional(Schema.NullOr(Metadata)), deleted: Schema.optional(Schema.Boolean) });
export type CustomerObject = typeof CustomerObject.Type;

/** A list (`object: "list"`) or search result (`object: "search_result"`): we read `data` only. */
export const ListOf = <S extends Schema.Top>(item: S) => Schema.Struct({ data: Schema.Array(item) });

export const BalanceObject = Schema.Struct({ object: Schema.Literal("balance") });
export const DeletedOrDetached = PaymentMethodObject;

export const EventObject = Schema.Struct({
  id: Schema.NonEmptyString,
  type: Schema.String,
  created: Schema.Int,
  data: Schema.Struct({ object: Schema.Unknown }),
});

const BRANDS: Readonly<Record<string, CardBrand>> = { visa: "visa", mastercard: "mastercard", jcb: "jcb", amex: "amex", diners: "diners" };

/** Stripe's brand name in our closed set, or null (discover, unionpay, unknown: not accepted by the cities we serve). */
export const brandOf = (stripeBrand: string): CardBrand | null => BRANDS[stripeBrand] ?? null;

export const savedCardOf = (customerId: string, pm: PaymentMethodObject): SavedCard | null => {
  const brand = pm.card === undefined || pm.card === null ? null : brandOf(pm.card.brand);
  if (pm.card === undefined || pm.card === null || brand === null) return null;
  return { id: pm.metadata?.[META.cardId] ?? pm.id, customerId, brand, last4: pm.card.last4, expMonth: pm.card.exp_month, expYear: pm.card.exp_year };
};

/**
 * A PaymentIntent as our authorisation, or null when it is not one (yet or any more):
 * `requires_payment_method` (declined, or a failed 3-D Secure challenge: nothing authorised),
 * `requires_confirmation`, `processing`, or an intent madoguchi did not create (no key in metadata).
 * Statuses: `requires_action` → challenge_required, `requires_capture` → authorized,
 * `succeeded` → captured (Stripe's "amount_received" is what was captured), `canceled` → voided.
 */
export const authorizationOf = (pi: PaymentIntentObject): Authorization | null => {
  const key = pi.metadata?.[META.idempotencyKey];
  const brand = brandOf(pi.metadata?.[META.brand] ?? "");
  const last4 = pi.metadata?.[META.last4] ?? "";
  if (key === undefined || key === "" || brand === null || !/^\d{4}$/.test(last4)) return null;
  const status =
    pi.status === "requires_action" ? "challenge_required" : pi.status === "requires_capture" ? "authorized" : pi.status === "succeeded" ? "captured" : pi.status === "canceled" ? "voided" : null;
  if (status === null) return null;
  const charge = typeof pi.latest_charge === "object" && pi.latest_charge !== null ? pi.latest_charge : null;
  const url = pi.next_action?.redirect_to_url?.url;
  return {
    id: pi.id,
    amount: yen(pi.amount),
    capturedAmount: yen(pi.amount_received),
    // Only a capture can be refunded: a cancelled intent's released charge also shows as "refunded" at Stripe.
    refundedAmount: yen(status === "captured" && charge !== null ? refundedOfCharge(charge) : 0),
    status,
    brand,
    last4,
    idempotencyKey: IdempotencyKey(key),
    challenge: status === "challenge_required" && url !== undefined ? { url } : null,
  };
};

/**
 * What was refunded of a captured charge. Stripe counts the part a partial capture released as
 * refunded too (`amount_refunded` includes `amount − amount_captured`); we count only money returned
 * after the capture. Without `amount_captured` (older shapes) the whole `amount_refunded` is taken.
 */
export const refundedOfCharge = (charge: ChargeObject): number =>
  Math.max(0, charge.amount_refunded - (charge.amount_captured === undefined ? 0 : charge.amount - charge.amount_captured));

/**
 * A `charge.refunded` event's charge as the authorisation it belongs to (captured, with refunds so far):
 * the authorisation id is the charge's `payment_intent`. A charge refunded in Stripe's dashboard carries
 * no key of ours (only our own refunds label it first), so its snapshot's `idempotencyKey` is empty: the
 * receiver re-reads the PaymentIntent (`getAuthorization`), whose metadata holds the key (ADR 0027, 0028).
 */
export const authorizationOfRefundedCharge = (charge: ChargeObject): Authorization | null => {
  const key = charge.metadata?.[META.idempotencyKey] ?? "";
  const card = charge.payment_method_details?.card;
  const brand = card === undefined || card === null ? null : brandOf(card.brand);
  if (brand === null || card === undefined || card === null || typeof charge.payment_intent !== "string" || !/^pi_/.test(charge.payment_intent) || !charge.captured) return null;
  return {
    id: charge.payment_intent,
    amount: yen(charge.amount),
    capturedAmount: yen(charge.amount_captured ?? charge.amount),
    refundedAmount: yen(refundedOfCharge(charge)),
    status: "captured",
    brand,
    last4: card.last4,
    idempotencyKey: IdempotencyKey(key),
    challenge: null,
  };
};
