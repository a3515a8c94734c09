import { createHash } from "node:crypto";
import {
  PAYMENT_GATEWAY_CONTRACT,
  type Authorization,
  type IdempotencyKey,
  type PaymentCapability,
  type PaymentCustomer,
  type PaymentError,
  type PaymentEvent,
  type PaymentEventType,
  type PaymentGateway,
  type SavedCard,
} from "@madoguchi/core";
import { Result as EffectResult, Schema } from "effect";
import { err, errAsync, ok, okAsync, type ResultAsync } from "neverthrow";
import { paymentError } from "./payment-error.ts";
import { callStripe, type StripeHttpConfig } from "./stripe-http.ts";
import {
  authorizationOf,
  authorizationOfRefundedCharge,
  BalanceObject,
  brandOf,
  ChargeObject,
  CustomerObject,
  EventObject,
  ListOf,
  META,
  PaymentIntentObject,
  PaymentMethodObject,
  savedCardOf,
} from "./stripe-objects.ts";
import { DEFAULT_STRIPE_API_VERSION, StripeGatewayOptions } from "./stripe-options.ts";
import { listStripeSettlementRecords } from "./stripe-settlement-records.ts";
import { STRIPE_SIGNATURE_HEADER, verifyStripeSignature } from "./stripe-webhook-signature.ts";

const seg = encodeURIComponent;
/** Expansions every PaymentIntent answer carries: the charge holds the refunded amount. */
const EXPAND = ["latest_charge"];
/** Stripe's search query language quotes values with single quotes; ours never contain one (checked). */
const searchable = (value: string): boolean => /^[\x21-\x7e]{1,255}$/.test(value) && !value.includes("'") && !value.includes("\\");
/** A derived idempotency key for the n-th step of one port call (Stripe keys are per request). */
const stepKey = (key: IdempotencyKey, step: string): string => `${key.slice(0, 200)}:${step}`;

/**
 * A `PaymentGateway` over Stripe's API (PaymentIntents with manual capture, Refunds, Customers and
 * PaymentMethods, webhooks signed with `Stripe-Signature`). The server sends only PaymentMethod ids
 * created by Stripe.js in the resident's browser (Stripe's origin), amounts in yen (JPY has no minor
 * unit), descriptions and our keys. Throws on invalid options. See ADR 0028 for what is mapped how.
 */
export const createStripePaymentGateway = (options: StripeGatewayOptions): PaymentGateway => {
  const valid = Schema.decodeUnknownSync(StripeGatewayOptions)(options, { errors: "all" });
  const apiBase = valid.apiBase ?? "https://api.stripe.com";
  const config: StripeHttpConfig = {
    base: new URL(apiBase.endsWith("/") ? apiBase : `${apiBase}/`),
    secretKey: valid.secretKey,
    timeoutMs: valid.timeoutMs,
    apiVersion: valid.apiVersion ?? DEFAULT_STRIPE_API_VERSION,
  };
  const webhookSecrets = valid.webhookSecrets ?? [];
  const capabilities = new Set<PaymentCapability>(["partialCapture", "refund", "partialRefund", "cardOnFile", "threeDSecure", "settlementRecords"]);
  if (webhookSecrets.length > 0) capabilities.add("webhooks");

  const getIntent = (operation: string, id: string) =>
    callStripe(config, { operation, method: "GET", path: `v1/payment_intents/${seg(id)}`, params: { expand: EXPAND }, response: PaymentIntentObject }, true);

  /** The intent as an authorisation; an intent that is none (declined, failed challenge, not ours) is `not_found`. */
  const asAuthorization = (operation: string) => (pi: typeof PaymentIntentObject.Type) => {
    const a = authorizationOf(pi);
    return a === null ? err(paymentError(operation, "not_found", "no authorisation with this id")) : ok(a);
  };

  const getPaymentMethod = (operation: string, id: string, tokenParam: string) =>
    callStripe(config, { operation, method: "GET", path: `v1/payment_methods/${seg(id)}`, response: PaymentMethodObject, tokenParam }, true).andThen((pm) =>
      pm === null ? err(paymentError(operation, "invalid_token", "Stripe knows no such payment method")) : ok(pm),
    );

  const listCards = (operation: string, customerId: string) =>
    callStripe(config, { operation, method: "GET", path: `v1/customers/${seg(customerId)}/payment_methods`, params: { type: "card", limit: 100 }, response: ListOf(PaymentMethodObject) }, true).map(
      (list) => (list === null ? null : list.data),
    );

  /** The payment method currently behind a saved card's id for this customer, or `not_found`. */
  const findCard = (operation: string, customerId: string, cardId: string) =>
    listCards(operation, customerId).andThen((pms) => {
      const pm = pms?.find((p) => (p.metadata?.[META.cardId] ?? p.id) === cardId);
      return pm === undefined ? err(paymentError(operation, "not_found", "no such saved card for this customer")) : ok(pm);
    });

  const findCustomerObject = (operation: string, reference: string) => {
    if (!searchable(reference)) return errAsync(paymentError(operation, "invalid_request", "the reference must be visible ASCII without quotes"));
    return callStripe(config, {
      operation,
      method: "GET",
      path: "v1/customers/search",
      params: { query: `metadata['${META.reference}']:'${reference}'` },
      response: ListOf(CustomerObject),
    }).map((found) => found.data.find((c) => c.deleted !== true) ?? null);
  };

  const customerWithCards = (operation: string, customer: typeof CustomerObject.Type, reference: string) =>
    listCards(operation, customer.id).map((pms): PaymentCustomer => ({ id: customer.id, reference, cards: (pms ?? []).flatMap((pm) => savedCardOf(customer.id, pm) ?? []) }));

  const unsupportedBrand = (operation: string) => paymentError(operation, "declined", "the card's brand is not one we accept", false);

  const intentCall = (operation: string, id: string, action: string, idempotencyKey: IdempotencyKey, params: Record<string, string | number | readonly string[]> = {}) =>
    callStripe(config, { operation, method: "POST", path: `v1/payment_intents/${seg(id)}/${action}`, idempotencyKey, params: { ...params, expand: EXPAND }, response: PaymentIntentObject }).andThen(
      asAuthorization(operation),
    );

  const mapEvent = (type: string, object: unknown): { type: PaymentEventType; authorization: Authorization } | null => {
    const intentType: Readonly<Record<string, PaymentEventType>> = {
      "payment_intent.amount_capturable_updated": "authorization.authorized",
      "payment_intent.succeeded": "authorization.captured",
      "payment_intent.canceled": "authorization.voided",
    };
    if (intentType[type] !== undefined) {
      const pi = Schema.decodeUnknownResult(PaymentIntentObject)(object);
      const a = EffectResult.isSuccess(pi) ? authorizationOf(pi.success) : null;
      return a === null ? null : { type: intentType[type], authorization: a };
    }
    if (type === "payment_intent.payment_failed") {
      // A failed 3-D Secure challenge leaves the intent in requires_payment_method: nothing authorised.
      const pi = Schema.decodeUnknownResult(PaymentIntentObject)(object);
      if (!EffectResult.isSuccess(pi) || pi.success.last_payment_error?.code !== "payment_intent_authentication_failure") return null;
      const a = authorizationOf({ ...pi.success, status: "requires_action", next_action: null });
      return a === null ? null : { type: "authorization.challenge_failed", authorization: { ...a, status: "challenge_required" } };
    }
    if (type === "charge.refunded") {
      const charge = Schema.decodeUnknownResult(ChargeObject)(object);
      const a = EffectResult.isSuccess(charge) ? authorizationOfRefundedCharge(charge.success) : null;
      return a === null ? null : { type: "authorization.refunded", authorization: a };
    }
    return null;
  };

  const gateway: PaymentGateway = {
    meta: { contract: PAYMENT_GATEWAY_CONTRACT, name: "payment-stripe", capabilities },

    authorize: (request) => {
      const operation = "payment-gateway.authorize";
      if (!searchable(request.idempotencyKey)) return errAsync(paymentError(operation, "invalid_request", "the idempotency key must be visible ASCII without quotes"));
      // The brand and last 4 go into the intent's metadata so that lookups and webhooks show them.
      const source: ResultAsync<{ pm: typeof PaymentMethodObject.Type; customer?: string }, PaymentError> =
        request.source.kind === "token"
          ? getPaymentMethod(operation, request.source.token, "payment_method").map((pm) => ({ pm }))
          : ((customerId: string, cardId: string) => findCard(operation, customerId, cardId).map((pm) => ({ pm, customer: customerId })))(request.source.customerId, request.source.cardId);
      return source.andThen(({ pm, customer }) => {
        const brand = pm.card === undefined || pm.card === null ? null : brandOf(pm.card.brand);
        if (brand === null || pm.card === undefined || pm.card === null) return errAsync(pm.card ? unsupportedBrand(operation) : paymentError(operation, "invalid_token", "the payment method is not a card"));
        return callStripe(config, {
          operation,
          method: "POST",
          path: "v1/payment_intents",
          idempotencyKey: request.idempotencyKey,
          tokenParam: "payment_method",
          params: {
            amount: request.amount,
            currency: "jpy",
            capture_method: "manual",
            confirm: true,
            payment_method: pm.id,
            customer,
            description: request.description,
            return_url: valid.returnUrl,
            payment_method_types: ["card"],
            metadata: { [META.idempotencyKey]: request.idempotencyKey, [META.brand]: brand, [META.last4]: pm.card.last4 },
            expand: EXPAND,
          },
          response: PaymentIntentObject,
        }).andThen(asAuthorization(operation));
      });
    },

    completeChallenge: (authorizationId) => {
      const operation = "payment-gateway.completeChallenge";
      // Stripe finishes the challenge itself; afterwards the intent is requires_capture (passed) or
      // requires_payment_method with payment_intent_authentication_failure (failed).
      return getIntent(operation, authorizationId).andThen((pi) => {
        if (pi === null) return err(paymentError(operation, "not_found", "no authorisation with this id"));
        if (pi.status === "requires_payment_method" && pi.last_payment_error?.code === "payment_intent_authentication_failure") {
          return err(paymentError(operation, "challenge_failed", "the resident did not pass the 3-D Secure challenge", false));
        }
        return asAuthorization(operation)(pi);
      });
    },

    capture: (authorizationId, amount, idempotencyKey) => intentCall("payment-gateway.capture", authorizationId, "capture", idempotencyKey, { amount_to_capture: amount }),
    void: (authorizationId, idempotencyKey) => intentCall("payment-gateway.void", authorizationId, "cancel", idempotencyKey),

    refund: (authorizationId, amount, idempotencyKey) => {
      const operation = "payment-gateway.refund";
      // The charge carries our key and the card's display data so that its charge.refunded events can be read (ADR 0028).
      return getIntent(operation, authorizationId)
        .andThen((pi) => (pi === null ? err(paymentError(operation, "not_found", "no authorisation with this id")) : ok(pi)))
        .andThen((pi) => {
          const charge = typeof pi.latest_charge === "object" && pi.latest_charge !== null ? pi.latest_charge : null;
          const key = pi.metadata?.[META.idempotencyKey];
          if (charge === null || key === undefined || charge.metadata?.[META.idempotencyKey] === key) return okAsync(undefined);
          return callStripe(config, {
            operation,
            method: "POST",
            path: `v1/charges/${seg(charge.id)}`,
            idempotencyKey: stepKey(idempotencyKey, "charge-metadata"),
            params: { metadata: { [META.idempotencyKey]: key } },
            response: ChargeObject,
          }).map(() => undefined);
        })
        .andThen(() =>
          callStripe(config, { operation, method: "POST", path: "v1/refunds", idempotencyKey, params: { payment_intent: authorizationId, amount }, response: Schema.Struct({ id: Schema.String }) }),
        )
        .andThen(() => getIntent(operation, authorizationId))
        .andThen((pi) => (pi === null ? err(paymentError(operation, "not_found", "no authorisation with this id")) : asAuthorization(operation)(pi)));
    },

    findByIdempotencyKey: (idempotencyKey) => {
      const operation = "payment-gateway.findByIdempotencyKey";
      if (!searchable(idempotencyKey)) return errAsync(paymentError(operation, "invalid_request", "the idempotency key must be visible ASCII without quotes"));
      // Stripe has no lookup by idempotency key: we search our metadata (ADR 0028 on search's delay).
      return callStripe(config, {
        operation,
        method: "GET",
        path: "v1/payment_intents/search",
        params: { query: `metadata['${META.idempotencyKey}']:'${idempotencyKey}'`, expand: EXPAND.map((e) => `data.${e}`) },
        response: ListOf(PaymentIntentObject),
      }).map((found) => found.data.flatMap((pi) => authorizationOf(pi) ?? [])[0] ?? null);
    },

    getAuthorization: (authorizationId) => getIntent("payment-gateway.getAuthorization", authorizationId).map((pi) => (pi === null ? null : authorizationOf(pi))),

    ensureCustomer: (reference) => {
      const operation = "payment-gateway.ensureCustomer";
      return findCustomerObject(operation, reference).andThen((existing) =>
        existing !== null
          ? customerWithCards(operation, existing, reference)
          : callStripe(config, {
              operation,
              method: "POST",
              path: "v1/customers",
              // Keyed by the reference: two first uses at once make one customer (within Stripe's 24 h key window).
              idempotencyKey: `customer-${createHash("sha256").update(reference).digest("hex").slice(0, 32)}`,
              params: { metadata: { [META.reference]: reference } },
              response: CustomerObject,
            }).map((c): PaymentCustomer => ({ id: c.id, reference, cards: [] })),
      );
    },

    findCustomer: (reference) => {
      const operation = "payment-gateway.findCustomer";
      return findCustomerObject(operation, reference).andThen((c) => (c === null ? okAsync(null) : customerWithCards(operation, c, reference)));
    },

    saveCard: (customerId, token, idempotencyKey) => {
      const operation = "payment-gateway.saveCard";
      return callStripe(config, {
        operation,
        method: "POST",
        path: `v1/payment_methods/${seg(token)}/attach`,
        idempotencyKey,
        tokenParam: "payment_method",
        params: { customer: customerId },
        response: PaymentMethodObject,
      }).andThen((pm) => {
        const card = savedCardOf(customerId, pm);
        return card === null ? err(unsupportedBrand(operation)) : ok(card);
      });
    },

    updateSavedCard: (customerId, cardId, token, idempotencyKey) => {
      const operation = "payment-gateway.updateSavedCard";
      // Stripe cannot put a new card into a payment method: attach the new one, give it the old card's
      // id in metadata, then detach the old one. Each step has its own derived key, so a retry finishes it.
      return findCard(operation, customerId, cardId).andThen((old) =>
        callStripe(config, {
          operation,
          method: "POST",
          path: `v1/payment_methods/${seg(token)}/attach`,
          idempotencyKey: stepKey(idempotencyKey, "attach"),
          tokenParam: "payment_method",
          params: { customer: customerId },
          response: PaymentMethodObject,
        })
          .andThen((pm) =>
            callStripe(config, {
              operation,
              method: "POST",
              path: `v1/payment_methods/${seg(pm.id)}`,
              idempotencyKey: stepKey(idempotencyKey, "label"),
              params: { metadata: { [META.cardId]: cardId } },
              response: PaymentMethodObject,
            }),
          )
          .andThen((pm) =>
            (old.id === pm.id
              ? okAsync(undefined)
              : callStripe(config, { operation, method: "POST", path: `v1/payment_methods/${seg(old.id)}/detach`, idempotencyKey: stepKey(idempotencyKey, "detach"), response: PaymentMethodObject }).map(() => undefined)
            ).andThen((): ResultAsync<SavedCard, PaymentError> => {
              const card = savedCardOf(customerId, pm);
              return card === null ? errAsync(unsupportedBrand(operation)) : okAsync(card);
            }),
          ),
      );
    },

    deleteSavedCard: (customerId, cardId) => {
      const operation = "payment-gateway.deleteSavedCard";
      return findCard(operation, customerId, cardId).andThen((pm) =>
        callStripe(config, { operation, method: "POST", path: `v1/payment_methods/${seg(pm.id)}/detach`, response: PaymentMethodObject }).map(() => undefined),
      );
    },

    verifyWebhook: (delivery, now) => {
      const operation = "payment-gateway.verifyWebhook";
      if (webhookSecrets.length === 0) return err(paymentError(operation, "unsupported", "no webhook signing secret configured", false));
      if (!verifyStripeSignature(webhookSecrets, delivery.headers[STRIPE_SIGNATURE_HEADER], delivery.rawBody, now)) {
        return err(paymentError(operation, "invalid_signature", "the Stripe-Signature is missing, wrong or outside the 300 s tolerance", false));
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(delivery.rawBody);
      } catch {
        return err(paymentError(operation, "invalid_request", "the webhook body is not JSON", false));
      }
      const decoded = Schema.decodeUnknownResult(EventObject)(parsed);
      if (!EffectResult.isSuccess(decoded)) return err(paymentError(operation, "invalid_request", "the webhook body is not a Stripe event", false));
      const e = decoded.success;
      const mapped = mapEvent(e.type, e.data.object);
      // Genuine but not one we map (other event types, intents madoguchi did not create): acknowledge and ignore.
      if (mapped === null) return err(paymentError(operation, "invalid_request", `event type ${/^[a-z_.]{1,80}$/.test(e.type) ? e.type : "?"} is not an authorisation change we read`, false));
      const event: PaymentEvent = { id: e.id, type: mapped.type, createdAt: new Date(e.created * 1000), authorization: mapped.authorization };
      return ok(event);
    },

    listSettlementRecords: (period) => listStripeSettlementRecords(config, valid.settlementPageSize ?? 100, period),

    healthCheck: () => callStripe(config, { operation: "payment-gateway.healthCheck", method: "GET", path: "v1/balance", response: BalanceObject }).map(() => undefined),
  };
  return gateway;
};
