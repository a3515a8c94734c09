import {
  IdempotencyKey,
  PAYMENT_GATEWAY_CONTRACT,
  yen,
  type Authorization,
  type PaymentCapability,
  type PaymentCustomer,
  type PaymentEvent,
  type PaymentError,
  type PaymentGateway,
  type SavedCard,
  type SettlementRecord,
} from "@madoguchi/core";
import { Result as EffectResult, Schema } from "effect";
import { err, errAsync, ok, okAsync, type ResultAsync } from "neverthrow";
import { SIGNATURE_HEADER, verifyWebhookSignature } from "../webhooks/webhook-signature.ts";
import { paymentError } from "./payment-error.ts";
import { callSandbox, type SandboxHttpConfig } from "./sandbox-http.ts";
import { SandboxClientOptions } from "./sandbox-client.options.ts";

const NonNegativeInt = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0));
const Brand = Schema.Literals(["visa", "mastercard", "jcb", "amex", "diners"]);

/** An authorisation as the sandbox answers it (extra fields such as `threeDSecure` are ignored). */
const AuthorizationBody = Schema.Struct({
  id: Schema.NonEmptyString,
  amount: NonNegativeInt,
  capturedAmount: NonNegativeInt,
  refundedAmount: NonNegativeInt,
  status: Schema.Literals(["challenge_required", "authorized", "captured", "voided"]),
  brand: Brand,
  last4: Schema.String.check(Schema.isPattern(/^\d{4}$/)),
  idempotencyKey: Schema.NonEmptyString,
  challenge: Schema.NullOr(Schema.Struct({ url: Schema.String })),
});

const toAuthorization = (body: typeof AuthorizationBody.Type): Authorization => ({
  id: body.id,
  amount: yen(body.amount),
  capturedAmount: yen(body.capturedAmount),
  refundedAmount: yen(body.refundedAmount),
  status: body.status,
  brand: body.brand,
  last4: body.last4,
  idempotencyKey: IdempotencyKey(body.idempotencyKey),
  challenge: body.status === "challenge_required" && body.challenge !== null ? { url: body.challenge.url } : null,
});

const SavedCardBody = Schema.Struct({
  id: Schema.NonEmptyString,
  customerId: Schema.NonEmptyString,
  brand: Brand,
  last4: Schema.String.check(Schema.isPattern(/^\d{4}$/)),
  expMonth: Schema.Int,
  expYear: Schema.Int,
});
const toSavedCard = (body: typeof SavedCardBody.Type): SavedCard => ({ ...body });

const CustomerBody = Schema.Struct({ id: Schema.NonEmptyString, reference: Schema.String, cards: Schema.Array(SavedCardBody) });
const toCustomer = (body: typeof CustomerBody.Type): PaymentCustomer => ({ id: body.id, reference: body.reference, cards: body.cards.map(toSavedCard) });

const EventBody = Schema.Struct({
  id: Schema.NonEmptyString,
  type: Schema.Literals(["authorization.authorized", "authorization.challenge_failed", "authorization.captured", "authorization.voided", "authorization.refunded"]),
  createdAt: Schema.String,
  data: Schema.Struct({ authorization: Schema.Struct({ ...AuthorizationBody.fields, challengePath: Schema.optional(Schema.NullOr(Schema.String)), challenge: Schema.optional(Schema.NullOr(Schema.Struct({ url: Schema.String }))) }) }),
});

const SettlementPageBody = Schema.Struct({
  data: Schema.Array(
    Schema.Struct({
      id: Schema.NonEmptyString,
      authorizationId: Schema.NonEmptyString,
      kind: Schema.Literals(["capture", "refund"]),
      amount: NonNegativeInt,
      at: Schema.String.check(Schema.makeFilter((s: string) => (Number.isNaN(Date.parse(s)) ? "must be an ISO instant" : undefined))),
      brand: Brand,
      idempotencyKey: Schema.NonEmptyString,
    }),
  ),
  has_more: Schema.Boolean,
});
type SettlementPage = typeof SettlementPageBody.Type;

/** Pages are followed to the end, but never more than this many (a gateway that never says "no more"). */
const MAX_SETTLEMENT_PAGES = 10_000;

const HealthBody = Schema.Struct({ status: Schema.Literal("ok") });
const DeletedBody = Schema.Struct({ deleted: Schema.Literal(true) });

const seg = encodeURIComponent;

/**
 * A `PaymentGateway` talking to the sandbox service over HTTP with its secret key. Each call has its
 * own `timeoutMs` deadline; a call that runs out of time fails with `timeout` (outcome unknown), and
 * the caller reconciles with `findByIdempotencyKey` or retries with the same key. Sends only tokens,
 * saved-card ids, amounts, descriptions and ids: no card data ever passes through here. Throws on
 * invalid options.
 */
export const createSandboxPaymentGateway = (options: SandboxClientOptions): PaymentGateway => {
  const valid = Schema.decodeUnknownSync(SandboxClientOptions)(options, { errors: "all" });
  const config: SandboxHttpConfig = {
    base: new URL(valid.baseUrl.endsWith("/") ? valid.baseUrl : `${valid.baseUrl}/`),
    secretKey: valid.secretKey,
    timeoutMs: valid.timeoutMs,
  };
  const webhookSecret = valid.webhookSecret;
  const capabilities = new Set<PaymentCapability>(["partialCapture", "refund", "partialRefund", "cardOnFile", "threeDSecure", "settlementRecords"]);
  const pageSize = valid.settlementPageSize ?? 100;
  if (webhookSecret !== undefined) capabilities.add("webhooks");

  const authorizationCall = (operation: string, id: string, action: string, idempotencyKey: IdempotencyKey | undefined, body?: unknown) =>
    callSandbox(config, {
      operation: `payment-gateway.${operation}`,
      method: "POST",
      path: `v1/authorizations/${seg(id)}/${action}`,
      ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
      ...(body === undefined ? {} : { body }),
      response: AuthorizationBody,
    }).map(toAuthorization);

  return {
    meta: { contract: PAYMENT_GATEWAY_CONTRACT, name: "payment-sandbox", capabilities },

    authorize: (request) =>
      callSandbox(config, {
        operation: "payment-gateway.authorize",
        method: "POST",
        path: "v1/authorizations",
        idempotencyKey: request.idempotencyKey,
        body:
          request.source.kind === "token"
            ? { token: request.source.token, amount: request.amount, description: request.description }
            : { customerId: request.source.customerId, cardId: request.source.cardId, amount: request.amount, description: request.description },
        response: AuthorizationBody,
      }).map(toAuthorization),

    // Finishing a challenge moves no money by itself and answers the same when repeated: the key is not needed on the wire.
    completeChallenge: (authorizationId) => authorizationCall("completeChallenge", authorizationId, "complete-challenge", undefined),
    capture: (authorizationId, amount, idempotencyKey) => authorizationCall("capture", authorizationId, "capture", idempotencyKey, { amount }),
    void: (authorizationId, idempotencyKey) => authorizationCall("void", authorizationId, "void", idempotencyKey),
    refund: (authorizationId, amount, idempotencyKey) => authorizationCall("refund", authorizationId, "refund", idempotencyKey, { amount }),

    findByIdempotencyKey: (idempotencyKey) =>
      callSandbox(
        config,
        {
          operation: "payment-gateway.findByIdempotencyKey",
          method: "GET",
          path: `v1/authorizations?idempotency_key=${seg(idempotencyKey)}`,
          response: AuthorizationBody,
        },
        true,
      ).map((body) => (body === null ? null : toAuthorization(body))),

    getAuthorization: (authorizationId) =>
      callSandbox(config, { operation: "payment-gateway.getAuthorization", method: "GET", path: `v1/authorizations/${seg(authorizationId)}`, response: AuthorizationBody }, true).map(
        (body) => (body === null ? null : toAuthorization(body)),
      ),

    ensureCustomer: (reference) =>
      callSandbox(config, { operation: "payment-gateway.ensureCustomer", method: "POST", path: "v1/customers", body: { reference }, response: CustomerBody }).map(toCustomer),

    findCustomer: (reference) =>
      callSandbox(config, { operation: "payment-gateway.findCustomer", method: "GET", path: `v1/customers?reference=${seg(reference)}`, response: CustomerBody }, true).map((body) =>
        body === null ? null : toCustomer(body),
      ),

    saveCard: (customerId, token, idempotencyKey) =>
      callSandbox(config, {
        operation: "payment-gateway.saveCard",
        method: "POST",
        path: `v1/customers/${seg(customerId)}/cards`,
        idempotencyKey,
        body: { token },
        response: SavedCardBody,
      }).map(toSavedCard),

    updateSavedCard: (customerId, cardId, token, idempotencyKey) =>
      callSandbox(config, {
        operation: "payment-gateway.updateSavedCard",
        method: "POST",
        path: `v1/customers/${seg(customerId)}/cards/${seg(cardId)}`,
        idempotencyKey,
        body: { token },
        response: SavedCardBody,
      }).map(toSavedCard),

    deleteSavedCard: (customerId, cardId) =>
      callSandbox(config, { operation: "payment-gateway.deleteSavedCard", method: "DELETE", path: `v1/customers/${seg(customerId)}/cards/${seg(cardId)}`, response: DeletedBody }).map(
        () => undefined,
      ),

    verifyWebhook: (delivery, now) => {
      const operation = "payment-gateway.verifyWebhook";
      if (webhookSecret === undefined) return err(paymentError(operation, "unsupported", "no webhook secret configured", false));
      if (!verifyWebhookSignature(webhookSecret, delivery.headers[SIGNATURE_HEADER], delivery.rawBody, now)) {
        return err(paymentError(operation, "invalid_signature", "the webhook signature is missing, wrong or outside the 300 s tolerance", false));
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(delivery.rawBody);
      } catch {
        return err(paymentError(operation, "invalid_request", "the webhook body is not JSON", false));
      }
      const decoded = Schema.decodeUnknownResult(EventBody)(parsed);
      if (!EffectResult.isSuccess(decoded)) return err(paymentError(operation, "invalid_request", "the webhook body is not an event", false));
      const e = decoded.success;
      const { challengePath: _path, ...authorization } = e.data.authorization;
      const event: PaymentEvent = {
        id: e.id,
        type: e.type,
        createdAt: new Date(e.createdAt),
        authorization: toAuthorization({ ...authorization, challenge: authorization.challenge ?? null }),
      };
      return ok(event);
    },

    listSettlementRecords: (period) => {
      const operation = "payment-gateway.listSettlementRecords";
      const page = (startingAfter: string | null): ResultAsync<SettlementPage, PaymentError> =>
        callSandbox(config, {
          operation,
          method: "GET",
          path: `v1/settlement-records?${new URLSearchParams({ from: period.from.toISOString(), to: period.to.toISOString(), limit: String(pageSize), ...(startingAfter === null ? {} : { starting_after: startingAfter }) }).toString()}`,
          response: SettlementPageBody,
        });
      const walk = (startingAfter: string | null, so: readonly SettlementRecord[], pages: number): ResultAsync<readonly SettlementRecord[], PaymentError> =>
        page(startingAfter).andThen((p) => {
          const all = [
            ...so,
            ...p.data.map(
              (m): SettlementRecord => ({ id: m.id, authorizationId: m.authorizationId, kind: m.kind, amount: yen(m.amount), at: new Date(m.at), brand: m.brand, idempotencyKey: IdempotencyKey(m.idempotencyKey) }),
            ),
          ];
          const last = p.data.at(-1);
          if (!p.has_more || last === undefined) return okAsync(all);
          if (pages >= MAX_SETTLEMENT_PAGES) return errAsync(paymentError(operation, "unavailable", "the payment gateway kept answering more pages"));
          return walk(last.id, all, pages + 1);
        });
      return walk(null, [], 1);
    },

    healthCheck: () =>
      callSandbox(config, {
        operation: "payment-gateway.healthCheck",
        method: "GET",
        path: "v1/health",
        response: HealthBody,
      }).map(() => undefined),
  };
};

