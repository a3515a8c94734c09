import {
  IdempotencyKey,
  PAYMENT_GATEWAY_CONTRACT,
  yen,
  type Authorization,
  type PaymentGateway,
} from "@madoguchi/core";
import { Schema } from "effect";
import { err, errAsync } from "neverthrow";
import { paymentError } from "./payment-error.ts";
import { callSandbox, type SandboxHttpConfig } from "./sandbox-http.ts";
import { SandboxClientOptions } from "./sandbox-client.options.ts";

const NonNegativeInt = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0));

/** An authorisation as the sandbox answers it (extra fields such as `threeDSecure` are ignored). */
const AuthorizationBody = Schema.Struct({
  id: Schema.NonEmptyString,
  amount: NonNegativeInt,
  capturedAmount: NonNegativeInt,
  status: Schema.Literals(["authorized", "captured", "voided"]),
  brand: Schema.Literals(["visa", "mastercard", "jcb", "amex", "diners"]),
  last4: Schema.String.check(Schema.isPattern(/^\d{4}$/)),
  idempotencyKey: Schema.NonEmptyString,
});

const toAuthorization = (body: typeof AuthorizationBody.Type): Authorization => ({
  id: body.id,
  amount: yen(body.amount),
  capturedAmount: yen(body.capturedAmount),
  refundedAmount: yen(0),
  status: body.status,
  brand: body.brand,
  last4: body.last4,
  idempotencyKey: IdempotencyKey(body.idempotencyKey),
  challenge: null,
});

const unsupported = (operation: string) => paymentError(operation, "unsupported", "the sandbox client does not support this yet", false);

const HealthBody = Schema.Struct({ status: Schema.Literal("ok") });

/**
 * A `PaymentGateway` talking to the sandbox service over HTTP with its secret key. Each call has its
 * own `timeoutMs` deadline; a call that runs out of time fails with `timeout` (outcome unknown), and
 * the caller reconciles with `findByIdempotencyKey` or retries with the same key. Sends only tokens,
 * amounts, descriptions and ids: no card data ever passes through here. Throws on invalid options.
 */
export const createSandboxPaymentGateway = (options: SandboxClientOptions): PaymentGateway => {
  const valid = Schema.decodeUnknownSync(SandboxClientOptions)(options, { errors: "all" });
  const config: SandboxHttpConfig = {
    base: new URL(valid.baseUrl.endsWith("/") ? valid.baseUrl : `${valid.baseUrl}/`),
    secretKey: valid.secretKey,
    timeoutMs: valid.timeoutMs,
  };
  const authorizationPath = (id: string, action: "capture" | "void"): string => `v1/authorizations/${encodeURIComponent(id)}/${action}`;

  return {
    meta: { contract: PAYMENT_GATEWAY_CONTRACT, name: "payment-sandbox", capabilities: new Set() },

    authorize: (request) =>
      request.source.kind !== "token"
        ? errAsync(unsupported("payment-gateway.authorize"))
        : callSandbox(config, {
        operation: "payment-gateway.authorize",
        method: "POST",
        path: "v1/authorizations",
        idempotencyKey: request.idempotencyKey,
        body: { token: request.source.token, amount: request.amount, description: request.description },
        response: AuthorizationBody,
      }).map(toAuthorization),

    capture: (authorizationId, amount, idempotencyKey) =>
      callSandbox(config, {
        operation: "payment-gateway.capture",
        method: "POST",
        path: authorizationPath(authorizationId, "capture"),
        idempotencyKey,
        body: { amount },
        response: AuthorizationBody,
      }).map(toAuthorization),

    void: (authorizationId, idempotencyKey) =>
      callSandbox(config, {
        operation: "payment-gateway.void",
        method: "POST",
        path: authorizationPath(authorizationId, "void"),
        idempotencyKey,
        response: AuthorizationBody,
      }).map(toAuthorization),

    findByIdempotencyKey: (idempotencyKey) =>
      callSandbox(
        config,
        {
          operation: "payment-gateway.findByIdempotencyKey",
          method: "GET",
          path: `v1/authorizations?idempotency_key=${encodeURIComponent(idempotencyKey)}`,
          response: AuthorizationBody,
        },
        true,
      ).map((body) => (body === null ? null : toAuthorization(body))),

    completeChallenge: () => errAsync(unsupported("payment-gateway.completeChallenge")),
    refund: () => errAsync(unsupported("payment-gateway.refund")),
    getAuthorization: () => errAsync(unsupported("payment-gateway.getAuthorization")),
    ensureCustomer: () => errAsync(unsupported("payment-gateway.ensureCustomer")),
    findCustomer: () => errAsync(unsupported("payment-gateway.findCustomer")),
    saveCard: () => errAsync(unsupported("payment-gateway.saveCard")),
    updateSavedCard: () => errAsync(unsupported("payment-gateway.updateSavedCard")),
    deleteSavedCard: () => errAsync(unsupported("payment-gateway.deleteSavedCard")),
    verifyWebhook: () => err(unsupported("payment-gateway.verifyWebhook")),

    healthCheck: () =>
      callSandbox(config, {
        operation: "payment-gateway.healthCheck",
        method: "GET",
        path: "v1/health",
        response: HealthBody,
      }).map(() => undefined),
  };
};
