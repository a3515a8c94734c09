import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  IdempotencyKey,
  PAYMENT_GATEWAY_CONTRACT,
  yen,
  type Authorization,
  type PaymentGateway,
  type PaymentSource,
} from "@madoguchi/core";
import type { MakePaymentGateway, PaymentGatewayCase, PaymentGatewayContractOptions, PaymentGatewayHarness, PaymentGatewayTestTokens } from "./payment-gateway.types.ts";
import { authorizeNew, errorOf, expectWellFormed, freshKey, okValue } from "./payment-gateway.helpers.ts";
import { paymentGatewayV2Cases } from "./payment-gateway-v2.cases.ts";
import { settlementRecordCases } from "./settlement-records.cases.ts";

export type {
  MakePaymentGateway,
  PaymentGatewayCase,
  PaymentGatewayCaseContext,
  PaymentGatewayContractOptions,
  PaymentGatewayHarness,
  PaymentGatewayTestTokens,
} from "./payment-gateway.types.ts";

/** The cases of the payment-gateway contract, exported so that tests can prove each one catches a broken adapter. */
export const paymentGatewayCases: readonly PaymentGatewayCase[] = [
  {
    name: `declares the ${PAYMENT_GATEWAY_CONTRACT} contract`,
    run: async ({ makeGateway }) => {
      const gateway = await makeGateway();
      expect(gateway.meta.contract).toBe(PAYMENT_GATEWAY_CONTRACT);
    },
  },
  {
    name: "passes its health check",
    run: async ({ makeGateway }) => {
      const gateway = await makeGateway();
      await okValue(gateway.healthCheck());
    },
  },
  {
    name: "authorises, then captures the full amount",
    run: async ({ makeGateway, tokens }) => {
      const gateway = await makeGateway();
      const key = freshKey();
      const authorization = await okValue(gateway.authorize({ source: { kind: "token" as const, token: await tokens.success() }, amount: yen(1450), idempotencyKey: key, description: "住民票の写し" }));
      expectWellFormed(authorization, 1450, key);
      expect(authorization.status).toBe("authorized");
      expect(authorization.capturedAmount).toBe(0);
      const captured = await okValue(gateway.capture(authorization.id, yen(1450), freshKey()));
      expect(captured).toMatchObject({ id: authorization.id, status: "captured", amount: 1450, capturedAmount: 1450 });
      expect(await okValue(gateway.findByIdempotencyKey(key))).toMatchObject({ id: authorization.id, status: "captured", capturedAmount: 1450 });
    },
  },
  {
    name: "captures part of the authorised amount",
    capability: "partialCapture",
    run: async ({ makeGateway, tokens }) => {
      const gateway = await makeGateway();
      const authorization = await authorizeNew(gateway, tokens, 1000);
      const captured = await okValue(gateway.capture(authorization.id, yen(600), freshKey()));
      expect(captured).toMatchObject({ id: authorization.id, status: "captured", amount: 1000, capturedAmount: 600 });
    },
  },
  {
    name: "voids an authorisation, which then cannot be captured",
    run: async ({ makeGateway, tokens }) => {
      const gateway = await makeGateway();
      const authorization = await authorizeNew(gateway, tokens, 300);
      const voided = await okValue(gateway.void(authorization.id, freshKey()));
      expect(voided).toMatchObject({ id: authorization.id, status: "voided", capturedAmount: 0 });
      expect((await errorOf(gateway.capture(authorization.id, yen(300), freshKey()))).reason).toBe("invalid_request");
      expect(await okValue(gateway.findByIdempotencyKey(authorization.idempotencyKey))).toMatchObject({ status: "voided", capturedAmount: 0 });
    },
  },
  {
    name: "answers the same idempotency key twice with one authorisation (same id, one charge)",
    run: async ({ makeGateway, tokens }) => {
      const gateway = await makeGateway();
      const request = { source: { kind: "token" as const, token: await tokens.success() }, amount: yen(750), idempotencyKey: freshKey(), description: "retry" };
      const first = await okValue(gateway.authorize(request));
      const second = await okValue(gateway.authorize(request));
      expect(second).toEqual(first);
      // Capturing the full amount works exactly once: there is one authorisation, not two.
      await okValue(gateway.capture(first.id, yen(750), freshKey()));
      expect((await errorOf(gateway.capture(second.id, yen(750), freshKey()))).reason).toBe("invalid_request");
    },
  },
  {
    name: "finds an authorisation by its idempotency key",
    run: async ({ makeGateway, tokens }) => {
      const gateway = await makeGateway();
      const authorization = await authorizeNew(gateway, tokens, 200);
      expect(await okValue(gateway.findByIdempotencyKey(authorization.idempotencyKey))).toEqual(authorization);
    },
  },
  {
    name: "finds nothing (null) for an unknown idempotency key",
    run: async ({ makeGateway }) => {
      const gateway = await makeGateway();
      expect(await okValue(gateway.findByIdempotencyKey(freshKey()))).toBeNull();
    },
  },
  {
    name: "reports a declined card as declined (not retryable), with nothing charged under its key",
    run: async ({ makeGateway, tokens }) => {
      const gateway = await makeGateway();
      const request = { source: { kind: "token" as const, token: await tokens.declined() }, amount: yen(500), idempotencyKey: freshKey(), description: "declined" };
      const error = await errorOf(gateway.authorize(request));
      expect(error.reason).toBe("declined");
      expect(error.retryable).toBe(false);
      expect(await okValue(gateway.findByIdempotencyKey(request.idempotencyKey))).toBeNull();
      // The same key answers the same decline again rather than running anew.
      expect((await errorOf(gateway.authorize(request))).reason).toBe("declined");
    },
  },
  {
    name: "rejects a single-use token used a second time (with another key) as invalid_token",
    run: async ({ makeGateway, tokens }) => {
      const gateway = await makeGateway();
      const token = await tokens.success();
      await okValue(gateway.authorize({ source: { kind: "token" as const, token }, amount: yen(100), idempotencyKey: freshKey(), description: "first" }));
      const error = await errorOf(gateway.authorize({ source: { kind: "token" as const, token }, amount: yen(100), idempotencyKey: freshKey(), description: "second" }));
      expect(error.reason).toBe("invalid_token");
      expect(error.retryable).toBe(false);
    },
  },
  {
    name: "rejects an idempotency key reused for a different request, charging nothing more",
    run: async ({ makeGateway, tokens }) => {
      const gateway = await makeGateway();
      const first = await authorizeNew(gateway, tokens, 400);
      const error = await errorOf(
        gateway.authorize({ source: { kind: "token" as const, token: await tokens.success() }, amount: yen(401), idempotencyKey: first.idempotencyKey, description: "madoguchi conformance" }),
      );
      expect(error.reason).toBe("invalid_request");
      expect(await okValue(gateway.findByIdempotencyKey(first.idempotencyKey))).toEqual(first);
    },
  },
  {
    name: "rejects a capture above the authorised amount as invalid_request and changes nothing",
    run: async ({ makeGateway, tokens }) => {
      const gateway = await makeGateway();
      const authorization = await authorizeNew(gateway, tokens, 1000);
      const error = await errorOf(gateway.capture(authorization.id, yen(1001), freshKey()));
      expect(error.reason).toBe("invalid_request");
      expect(error.retryable).toBe(false);
      expect(await okValue(gateway.findByIdempotencyKey(authorization.idempotencyKey))).toMatchObject({ status: "authorized", capturedAmount: 0 });
    },
  },
  {
    name: "retries a capture with the same key without capturing twice",
    run: async ({ makeGateway, tokens }) => {
      const gateway = await makeGateway();
      const authorization = await authorizeNew(gateway, tokens, 900);
      const key = freshKey();
      const first = await okValue(gateway.capture(authorization.id, yen(900), key));
      const second = await okValue(gateway.capture(authorization.id, yen(900), key));
      expect(second).toEqual(first);
      expect(second.capturedAmount).toBe(900);
    },
  },
  {
    name: "reports capture and void of an unknown authorisation as not_found",
    run: async ({ makeGateway }) => {
      const gateway = await makeGateway();
      expect((await errorOf(gateway.capture("auth_does_not_exist", yen(100), freshKey()))).reason).toBe("not_found");
      expect((await errorOf(gateway.void("auth_does_not_exist", freshKey()))).reason).toBe("not_found");
    },
  },
  {
    name: "after a timeout, finds exactly one authorisation by key, and a retry with the key returns it (no second charge)",
    needsTimeoutAfterCommit: true,
    run: async ({ makeGateway, tokens }) => {
      const gateway = await makeGateway();
      if (tokens.timeoutAfterCommit === undefined) throw new Error("needs tokens.timeoutAfterCommit");
      const request = { source: { kind: "token" as const, token: await tokens.timeoutAfterCommit() }, amount: yen(1200), idempotencyKey: freshKey(), description: "timeout" };
      const error = await errorOf(gateway.authorize(request));
      expect(error.reason).toBe("timeout");
      expect(error.retryable).toBe(true);
      const found = await okValue(gateway.findByIdempotencyKey(request.idempotencyKey));
      expect(found).not.toBeNull();
      expect(found).toMatchObject({ amount: 1200, status: "authorized", idempotencyKey: request.idempotencyKey });
      const retried = await okValue(gateway.authorize(request));
      expect(retried.id).toBe(found?.id);
      // One authorisation of 1200: it captures in full once, and never again.
      await okValue(gateway.capture(retried.id, yen(1200), freshKey()));
      expect((await errorOf(gateway.capture(retried.id, yen(1), freshKey()))).reason).toBe("invalid_request");
    },
  },
  {
    name: "captures any amount up to the authorised one, and rejects any amount above it (property)",
    capability: "partialCapture",
    run: async ({ makeGateway, tokens, options }) => {
      const gateway = await makeGateway();
      const arb = fc
        .integer({ min: 1, max: 1_000_000 })
        .chain((authorized) => fc.tuple(fc.constant(authorized), fc.integer({ min: 1, max: authorized * 2 })));
      await fc.assert(
        fc.asyncProperty(arb, async ([authorized, requested]) => {
          const authorization = await authorizeNew(gateway, tokens, authorized);
          const result = await gateway.capture(authorization.id, yen(requested), freshKey());
          if (requested <= authorized) {
            expect(result.isOk() && result.value.capturedAmount).toBe(requested);
          } else {
            expect(result.isErr() && result.error.reason).toBe("invalid_request");
          }
        }),
        { numRuns: options.numRuns ?? 10 },
      );
    },
  },
  {
    name: "agrees with a reference model over random sequences of authorise, retry, capture, void and lookup",
    capability: "partialCapture",
    run: async ({ makeGateway, tokens, options }) => {
      const gateway = await makeGateway();
      await fc.assert(
        fc.asyncProperty(fc.commands(paymentCommands(tokens), { maxCommands: 12 }), async (commands) => {
          await fc.asyncModelRun(() => ({ model: { payments: [] }, real: gateway }), commands);
        }),
        { numRuns: options.numRuns ?? 10 },
      );
    },
  },
];

/**
 * Every case of payment-gateway@3: the version 1 cases, version 2's (refunds, saved cards, 3-D Secure,
 * webhooks, faults) and version 3's settlement records (ADR 0029).
 */
export const allPaymentGatewayCases: readonly PaymentGatewayCase[] = [...paymentGatewayCases, ...paymentGatewayV2Cases, ...settlementRecordCases];

/** What the model knows of one authorisation made during a run. */
interface ModelPayment {
  readonly key: IdempotencyKey;
  readonly amount: number;
  readonly request: { readonly source: PaymentSource; readonly description: string };
  id: string;
  status: Authorization["status"];
  capturedAmount: number;
}
interface PaymentModel {
  payments: ModelPayment[];
}
type PaymentCommand = fc.AsyncCommand<PaymentModel, PaymentGateway>;

const pick = (model: PaymentModel, index: number): ModelPayment | undefined => model.payments[index % Math.max(model.payments.length, 1)];

const paymentCommands = (tokens: PaymentGatewayTestTokens): fc.Arbitrary<PaymentCommand>[] => [
  fc.integer({ min: 1, max: 100_000 }).map(
    (amount): PaymentCommand => ({
      check: () => true,
      run: async (model, gateway) => {
        const request = { source: { kind: "token" as const, token: await tokens.success() }, amount: yen(amount), idempotencyKey: freshKey(), description: "model" };
        const authorization = await okValue(gateway.authorize(request));
        expect(authorization).toMatchObject({ amount, capturedAmount: 0, status: "authorized" });
        model.payments.push({ key: request.idempotencyKey, amount, request, id: authorization.id, status: "authorized", capturedAmount: 0 });
      },
      toString: () => `authorize(${amount})`,
    }),
  ),
  fc.nat().map(
    (index): PaymentCommand => ({
      check: (model) => model.payments.length > 0,
      run: async (model, gateway) => {
        const payment = pick(model, index);
        if (payment === undefined) return;
        const again = await okValue(gateway.authorize({ ...payment.request, amount: yen(payment.amount), idempotencyKey: payment.key }));
        // A retry answers the first result, whatever happened to the authorisation since.
        expect(again.id).toBe(payment.id);
      },
      toString: () => `retryAuthorize(#${index})`,
    }),
  ),
  fc.tuple(fc.nat(), fc.double({ min: 0, max: 1.5, noNaN: true })).map(
    ([index, fraction]): PaymentCommand => ({
      check: (model) => model.payments.length > 0,
      run: async (model, gateway) => {
        const payment = pick(model, index);
        if (payment === undefined) return;
        const amount = Math.max(1, Math.round(payment.amount * fraction));
        const result = await gateway.capture(payment.id, yen(amount), freshKey());
        if (payment.status === "authorized" && amount <= payment.amount) {
          expect(result.isOk() && result.value).toMatchObject({ status: "captured", capturedAmount: amount });
          payment.status = "captured";
          payment.capturedAmount = amount;
        } else {
          expect(result.isErr() && result.error.reason).toBe("invalid_request");
        }
      },
      toString: () => `capture(#${index}, ×${fraction.toFixed(2)})`,
    }),
  ),
  fc.nat().map(
    (index): PaymentCommand => ({
      check: (model) => model.payments.length > 0,
      run: async (model, gateway) => {
        const payment = pick(model, index);
        if (payment === undefined) return;
        const result = await gateway.void(payment.id, freshKey());
        if (payment.status === "authorized") {
          expect(result.isOk() && result.value.status).toBe("voided");
          payment.status = "voided";
        } else {
          expect(result.isErr() && result.error.reason).toBe("invalid_request");
        }
      },
      toString: () => `void(#${index})`,
    }),
  ),
  fc.nat().map(
    (index): PaymentCommand => ({
      check: () => true,
      run: async (model, gateway) => {
        const payment = pick(model, index);
        const found = await okValue(gateway.findByIdempotencyKey(payment?.key ?? freshKey()));
        if (payment === undefined) {
          expect(found).toBeNull();
        } else {
          expect(found).toMatchObject({ id: payment.id, amount: payment.amount, status: payment.status, capturedAmount: payment.capturedAmount });
        }
      },
      toString: () => `lookup(#${index})`,
    }),
  ),
];

/**
 * Registers the payment-gateway@3 contract as a vitest suite. `makeGateway` builds the adapter for each
 * test; `tokens` mints card tokens the way the gateway's browser fields would; `harness` injects faults,
 * answers 3-D Secure challenges and shows webhook deliveries. A case for a capability the adapter does
 * not declare is skipped, and the "unsupported" case checks such operations change nothing.
 */
export const describePaymentGatewayContract = (
  name: string,
  makeGateway: MakePaymentGateway,
  tokens: PaymentGatewayTestTokens,
  options: PaymentGatewayContractOptions = {},
  harness: PaymentGatewayHarness = {},
): void => {
  describe(`payment-gateway contract: ${name}`, () => {
    for (const c of allPaymentGatewayCases) {
      const skip = c.needsTimeoutAfterCommit === true && tokens.timeoutAfterCommit === undefined;
      it.skipIf(skip)(
        c.name,
        async (test) => {
          if (c.capability !== undefined && !(await makeGateway()).meta.capabilities.has(c.capability)) test.skip(`${c.capability} not declared`);
          await c.run({ makeGateway, tokens, options, harness });
        },
        options.testTimeoutMs ?? 30_000,
      );
    }
  });
};
