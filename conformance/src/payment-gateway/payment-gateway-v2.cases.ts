import fc from "fast-check";
import { expect } from "vitest";
import { mergeAuthorizationState, PAYMENT_CAPABILITIES, yen, type Authorization, type PaymentEvent, type PaymentGateway } from "@madoguchi/core";
import type { PaymentGatewayFaults } from "./fault-proxy.ts";
import type { PaymentGatewayCase, PaymentGatewayHarness } from "./payment-gateway.types.ts";
import { authorizeNew, errorOf, freshKey, okValue } from "./payment-gateway.helpers.ts";

const faultsOf = (harness: PaymentGatewayHarness | undefined): PaymentGatewayFaults => {
  if (harness?.faults === undefined) throw new Error("payment-gateway@2 needs harness.faults (see startFaultProxy)");
  return harness.faults;
};

/** Current state by id, which must exist. */
const current = async (gateway: PaymentGateway, id: string): Promise<Authorization> => {
  const found = await okValue(gateway.getAuthorization(id));
  expect(found, `authorisation ${id}`).not.toBeNull();
  return found as Authorization;
};

/** Waits (bounded by the test timeout) until `ready` holds for the deliveries so far, polling. */
const eventually = async <T>(read: () => T, ready: (value: T) => boolean): Promise<T> => {
  for (;;) {
    const value = read();
    if (ready(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

/** The version 2 cases: refunds, saved cards, 3-D Secure, webhooks, capabilities and fault injection. */
export const paymentGatewayV2Cases: readonly PaymentGatewayCase[] = [
  {
    name: "declares only known capabilities, and answers unsupported (changing nothing) for what it does not declare",
    run: async ({ makeGateway, tokens }) => {
      const gateway = await makeGateway();
      for (const c of gateway.meta.capabilities) expect(PAYMENT_CAPABILITIES).toContain(c);
      const has = (c: (typeof PAYMENT_CAPABILITIES)[number]) => gateway.meta.capabilities.has(c);
      if (!has("cardOnFile")) expect((await errorOf(gateway.ensureCustomer(`conformance-${freshKey()}`))).reason).toBe("unsupported");
      if (!has("refund")) {
        const a = await authorizeNew(gateway, tokens, 100);
        await okValue(gateway.capture(a.id, yen(100), freshKey()));
        expect((await errorOf(gateway.refund(a.id, yen(100), freshKey()))).reason).toBe("unsupported");
        expect(await current(gateway, a.id)).toMatchObject({ capturedAmount: 100, refundedAmount: 0 });
      }
      if (!has("webhooks")) expect(gateway.verifyWebhook({ rawBody: "{}", headers: {} }, new Date())._unsafeUnwrapErr().reason).toBe("unsupported");
    },
  },
  {
    name: "gets an authorisation by id (null when unknown), with refundedAmount 0 and no challenge after a plain authorisation",
    run: async ({ makeGateway, tokens }) => {
      const gateway = await makeGateway();
      const a = await authorizeNew(gateway, tokens, 640);
      expect(await okValue(gateway.getAuthorization(a.id))).toEqual(a);
      expect(a).toMatchObject({ refundedAmount: 0, challenge: null, status: "authorized" });
      expect(await okValue(gateway.getAuthorization("auth_does_not_exist"))).toBeNull();
    },
  },

  // Refunds.
  {
    name: "refunds a capture in full, and refuses a refund before capture, above the capture, or of a voided authorisation",
    capability: "refund",
    run: async ({ makeGateway, tokens }) => {
      const gateway = await makeGateway();
      const a = await authorizeNew(gateway, tokens, 1000);
      expect((await errorOf(gateway.refund(a.id, yen(1000), freshKey()))).reason).toBe("invalid_request");
      await okValue(gateway.capture(a.id, yen(1000), freshKey()));
      expect((await errorOf(gateway.refund(a.id, yen(1001), freshKey()))).reason).toBe("invalid_request");
      const refunded = await okValue(gateway.refund(a.id, yen(1000), freshKey()));
      expect(refunded).toMatchObject({ status: "captured", capturedAmount: 1000, refundedAmount: 1000 });
      expect((await errorOf(gateway.refund(a.id, yen(1), freshKey()))).reason).toBe("invalid_request");
      const v = await authorizeNew(gateway, tokens, 100);
      await okValue(gateway.void(v.id, freshKey()));
      expect((await errorOf(gateway.refund(v.id, yen(100), freshKey()))).reason).toBe("invalid_request");
    },
  },
  {
    name: "refunds in parts: accepted refunds add up, never above the capture, and a retried key refunds once (property)",
    capability: "partialRefund",
    run: async ({ makeGateway, tokens, options }) => {
      const gateway = await makeGateway();
      const arb = fc.record({
        captured: fc.integer({ min: 1, max: 100_000 }),
        refunds: fc.array(fc.record({ fraction: fc.double({ min: 0.01, max: 0.8, noNaN: true }), retry: fc.boolean() }), { minLength: 1, maxLength: 5 }),
      });
      await fc.assert(
        fc.asyncProperty(arb, async ({ captured, refunds }) => {
          const a = await authorizeNew(gateway, tokens, captured);
          await okValue(gateway.capture(a.id, yen(captured), freshKey()));
          let refunded = 0;
          for (const { fraction, retry } of refunds) {
            const amount = Math.max(1, Math.round(captured * fraction));
            const key = freshKey();
            const result = await gateway.refund(a.id, yen(amount), key);
            if (refunded + amount <= captured) {
              refunded += amount;
              expect(result.isOk() && result.value.refundedAmount).toBe(refunded);
              if (retry) expect((await okValue(gateway.refund(a.id, yen(amount), key))).refundedAmount).toBe(refunded);
            } else {
              expect(result.isErr() && result.error.reason).toBe("invalid_request");
            }
          }
          expect(await current(gateway, a.id)).toMatchObject({ capturedAmount: captured, refundedAmount: refunded });
        }),
        { numRuns: options.numRuns ?? 10 },
      );
    },
  },

  // Customers and saved cards.
  {
    name: "keeps one customer per reference, saves a card as display data only, and charges it again without re-entry",
    capability: "cardOnFile",
    run: async ({ makeGateway, tokens }) => {
      const gateway = await makeGateway();
      const reference = `conformance-${freshKey()}`;
      expect(await okValue(gateway.findCustomer(reference))).toBeNull();
      const customer = await okValue(gateway.ensureCustomer(reference));
      expect(await okValue(gateway.ensureCustomer(reference))).toMatchObject({ id: customer.id, reference });
      const key = freshKey();
      const token = await tokens.success();
      const card = await okValue(gateway.saveCard(customer.id, token, key));
      expect(Object.keys(card).sort()).toEqual(["brand", "customerId", "expMonth", "expYear", "id", "last4"]);
      expect(card.last4).toMatch(/^\d{4}$/);
      expect(await okValue(gateway.saveCard(customer.id, token, key))).toEqual(card);
      expect((await okValue(gateway.findCustomer(reference)))?.cards).toEqual([card]);
      const source = { kind: "saved_card" as const, customerId: customer.id, cardId: card.id };
      for (const amount of [300, 450]) {
        const a = await okValue(gateway.authorize({ source, amount: yen(amount), idempotencyKey: freshKey(), description: "saved card" }));
        expect(a).toMatchObject({ status: "authorized", amount, last4: card.last4, brand: card.brand });
      }
    },
  },
  {
    name: "charges a saved card only for its own customer",
    capability: "cardOnFile",
    run: async ({ makeGateway, tokens }) => {
      const gateway = await makeGateway();
      const owner = await okValue(gateway.ensureCustomer(`conformance-${freshKey()}`));
      const other = await okValue(gateway.ensureCustomer(`conformance-${freshKey()}`));
      const card = await okValue(gateway.saveCard(owner.id, await tokens.success(), freshKey()));
      const key = freshKey();
      const error = await errorOf(gateway.authorize({ source: { kind: "saved_card", customerId: other.id, cardId: card.id }, amount: yen(100), idempotencyKey: key, description: "x" }));
      expect(error.reason).toBe("not_found");
      expect(await okValue(gateway.findByIdempotencyKey(key))).toBeNull();
      expect((await errorOf(gateway.deleteSavedCard(other.id, card.id))).reason).toBe("not_found");
      expect((await okValue(gateway.findCustomer(owner.reference)))?.cards).toHaveLength(1);
    },
  },
  {
    name: "updates a saved card in place (same id, the new card's data and outcome), and a deleted card can no longer be charged",
    capability: "cardOnFile",
    run: async ({ makeGateway, tokens }) => {
      const gateway = await makeGateway();
      const customer = await okValue(gateway.ensureCustomer(`conformance-${freshKey()}`));
      const card = await okValue(gateway.saveCard(customer.id, await tokens.success(), freshKey()));
      // Replaced by the declining test card: the next charge follows the new card.
      const updated = await okValue(gateway.updateSavedCard(customer.id, card.id, await tokens.declined(), freshKey()));
      expect(updated.id).toBe(card.id);
      const source = { kind: "saved_card" as const, customerId: customer.id, cardId: card.id };
      expect((await errorOf(gateway.authorize({ source, amount: yen(100), idempotencyKey: freshKey(), description: "x" }))).reason).toBe("declined");
      await okValue(gateway.deleteSavedCard(customer.id, card.id));
      expect((await okValue(gateway.findCustomer(customer.reference)))?.cards).toEqual([]);
      expect((await errorOf(gateway.authorize({ source, amount: yen(100), idempotencyKey: freshKey(), description: "x" }))).reason).toBe("not_found");
      expect((await errorOf(gateway.deleteSavedCard(customer.id, card.id))).reason).toBe("not_found");
    },
  },

  // EMV 3-D Secure.
  {
    name: "answers challenge_required with a URL; nothing can be captured until the challenge is passed and completed",
    capability: "threeDSecure",
    run: async ({ makeGateway, tokens, harness }) => {
      const gateway = await makeGateway();
      if (tokens.challenge === undefined || harness?.challenges === undefined) throw new Error("threeDSecure needs tokens.challenge and harness.challenges");
      const request = { source: { kind: "token" as const, token: await tokens.challenge() }, amount: yen(1450), idempotencyKey: freshKey(), description: "3ds" };
      const pending = await okValue(gateway.authorize(request));
      expect(pending.status).toBe("challenge_required");
      expect(() => new URL(pending.challenge?.url ?? "")).not.toThrow();
      expect((await okValue(gateway.completeChallenge(pending.id, freshKey()))).status).toBe("challenge_required");
      expect((await errorOf(gateway.capture(pending.id, yen(1450), freshKey()))).reason).toBe("invalid_request");
      await harness.challenges.answer(pending.challenge?.url ?? "", true);
      const done = await okValue(gateway.completeChallenge(pending.id, freshKey()));
      expect(done).toMatchObject({ id: pending.id, status: "authorized", amount: 1450, challenge: null });
      expect(await okValue(gateway.completeChallenge(pending.id, freshKey()))).toMatchObject({ status: "authorized" });
      // A retry of the same request is the same authorisation: captured once.
      expect((await okValue(gateway.authorize(request))).id).toBe(pending.id);
      await okValue(gateway.capture(pending.id, yen(1450), freshKey()));
      expect((await errorOf(gateway.capture(pending.id, yen(1), freshKey()))).reason).toBe("invalid_request");
    },
  },
  {
    name: "a failed challenge authorises nothing: challenge_failed, and nothing found under the key",
    capability: "threeDSecure",
    run: async ({ makeGateway, tokens, harness }) => {
      const gateway = await makeGateway();
      if (tokens.challenge === undefined || harness?.challenges === undefined) throw new Error("threeDSecure needs tokens.challenge and harness.challenges");
      const request = { source: { kind: "token" as const, token: await tokens.challenge() }, amount: yen(300), idempotencyKey: freshKey(), description: "3ds" };
      const pending = await okValue(gateway.authorize(request));
      await harness.challenges.answer(pending.challenge?.url ?? "", false);
      const error = await errorOf(gateway.completeChallenge(pending.id, freshKey()));
      expect([error.reason, error.retryable]).toEqual(["challenge_failed", false]);
      expect(await okValue(gateway.findByIdempotencyKey(request.idempotencyKey))).toBeNull();
    },
  },

  // Fault injection: the right money in the right place.
  ...(["timeout_after_commit", "bad_gateway_after_commit"] as const).map(
    (fault): PaymentGatewayCase => ({
      name: `authorise under ${fault}: the outcome is unknown (retryable), the lookup finds exactly one authorisation, and a retry with the key charges nothing more`,
      run: async ({ makeGateway, tokens, harness }) => {
        const gateway = await makeGateway();
        faultsOf(harness).inject("authorize", fault);
        const request = { source: { kind: "token" as const, token: await tokens.success() }, amount: yen(2100), idempotencyKey: freshKey(), description: "fault" };
        const error = await errorOf(gateway.authorize(request));
        expect(["timeout", "unavailable"]).toContain(error.reason);
        expect(error.retryable).toBe(true);
        const found = await okValue(gateway.findByIdempotencyKey(request.idempotencyKey));
        expect(found).toMatchObject({ amount: 2100, status: "authorized" });
        const retried = await okValue(gateway.authorize(request));
        expect(retried.id).toBe(found?.id);
        await okValue(gateway.capture(retried.id, yen(2100), freshKey()));
        expect((await errorOf(gateway.capture(retried.id, yen(1), freshKey()))).reason).toBe("invalid_request");
      },
    }),
  ),
  {
    name: "authorise under a 503 before commit: nothing is found under the key, and the retry with the same key authorises once",
    run: async ({ makeGateway, tokens, harness }) => {
      const gateway = await makeGateway();
      faultsOf(harness).inject("authorize", "unavailable_before_commit");
      const request = { source: { kind: "token" as const, token: await tokens.success() }, amount: yen(800), idempotencyKey: freshKey(), description: "fault" };
      const error = await errorOf(gateway.authorize(request));
      expect([error.reason, error.retryable]).toEqual(["unavailable", true]);
      expect(await okValue(gateway.findByIdempotencyKey(request.idempotencyKey))).toBeNull();
      const a = await okValue(gateway.authorize(request));
      expect(await okValue(gateway.findByIdempotencyKey(request.idempotencyKey))).toEqual(a);
    },
  },
  {
    name: "capture under a timeout after commit: the authorisation shows the capture, and the retry with the key captures nothing more",
    run: async ({ makeGateway, tokens, harness }) => {
      const gateway = await makeGateway();
      const a = await authorizeNew(gateway, tokens, 1500);
      faultsOf(harness).inject("capture", "timeout_after_commit");
      const key = freshKey();
      expect((await errorOf(gateway.capture(a.id, yen(1500), key))).retryable).toBe(true);
      expect(await current(gateway, a.id)).toMatchObject({ status: "captured", capturedAmount: 1500 });
      expect(await okValue(gateway.capture(a.id, yen(1500), key))).toMatchObject({ status: "captured", capturedAmount: 1500 });
    },
  },
  {
    name: "void under a 503 before commit: still authorised, and the retry voids",
    run: async ({ makeGateway, tokens, harness }) => {
      const gateway = await makeGateway();
      const a = await authorizeNew(gateway, tokens, 700);
      faultsOf(harness).inject("void", "unavailable_before_commit");
      const key = freshKey();
      expect((await errorOf(gateway.void(a.id, key))).retryable).toBe(true);
      expect((await current(gateway, a.id)).status).toBe("authorized");
      expect((await okValue(gateway.void(a.id, key))).status).toBe("voided");
    },
  },
  {
    name: "refund under a timeout after commit: refunded once, and the retry with the key refunds nothing more",
    capability: "refund",
    run: async ({ makeGateway, tokens, harness }) => {
      const gateway = await makeGateway();
      const a = await authorizeNew(gateway, tokens, 1200);
      await okValue(gateway.capture(a.id, yen(1200), freshKey()));
      faultsOf(harness).inject("refund", "timeout_after_commit");
      const key = freshKey();
      expect((await errorOf(gateway.refund(a.id, yen(1200), key))).retryable).toBe(true);
      expect(await current(gateway, a.id)).toMatchObject({ capturedAmount: 1200, refundedAmount: 1200 });
      expect((await okValue(gateway.refund(a.id, yen(1200), key))).refundedAmount).toBe(1200);
      expect(await current(gateway, a.id)).toMatchObject({ refundedAmount: 1200 });
    },
  },
  {
    name: "any sequence of faults on authorise, resolved by lookup then retry with the same key, ends with exactly one authorisation (property)",
    run: async ({ makeGateway, tokens, harness, options }) => {
      const gateway = await makeGateway();
      const faults = faultsOf(harness);
      const arb = fc.array(fc.constantFrom("timeout_after_commit" as const, "bad_gateway_after_commit" as const, "unavailable_before_commit" as const), { maxLength: 3 });
      await fc.assert(
        fc.asyncProperty(arb, async (sequence) => {
          faults.clear();
          for (const fault of sequence) faults.inject("authorize", fault);
          const request = { source: { kind: "token" as const, token: await tokens.success() }, amount: yen(500), idempotencyKey: freshKey(), description: "faults" };
          // The reconciliation rule of ADR 0027: on an unknown outcome, look up; never a new key.
          let authorization: Authorization | null = null;
          for (let attempt = 0; attempt <= sequence.length && authorization === null; attempt++) {
            const result = await gateway.authorize(request);
            if (result.isOk()) authorization = result.value;
            else authorization = await okValue(gateway.findByIdempotencyKey(request.idempotencyKey));
          }
          expect(authorization).not.toBeNull();
          // Faults the loop did not need must not disturb the checks below.
          faults.clear();
          const id = authorization?.id ?? "";
          expect((await okValue(gateway.authorize(request))).id).toBe(id);
          await okValue(gateway.capture(id, yen(500), freshKey()));
          expect((await errorOf(gateway.capture(id, yen(500), freshKey()))).reason).toBe("invalid_request");
        }),
        { numRuns: options.numRuns ?? 10 },
      );
    },
  },

  // Webhooks.
  {
    name: "verifies genuine webhooks and rejects a changed body, a wrong or missing signature and a stale timestamp",
    capability: "webhooks",
    run: async ({ makeGateway, tokens, harness }) => {
      const gateway = await makeGateway();
      const webhooks = harness?.webhooks;
      if (webhooks === undefined) throw new Error("webhooks needs harness.webhooks");
      const a = await authorizeNew(gateway, tokens, 900);
      const delivery = (
        await eventually(
          () => webhooks.deliveries().filter((d) => d.rawBody.includes(a.id)),
          (list) => list.length > 0,
        )
      )[0];
      if (delivery === undefined) throw new Error("no delivery");
      const event = gateway.verifyWebhook(delivery, new Date())._unsafeUnwrap();
      expect(event).toMatchObject({ type: "authorization.authorized", authorization: { id: a.id, amount: 900 } });
      const rejected = (d: typeof delivery, now = new Date()) => gateway.verifyWebhook(d, now)._unsafeUnwrapErr().reason;
      expect(rejected({ ...delivery, rawBody: delivery.rawBody.replace("900", "901") })).toBe("invalid_signature");
      expect(rejected({ ...delivery, headers: {} })).toBe("invalid_signature");
      expect(rejected({ ...delivery, headers: Object.fromEntries(Object.entries(delivery.headers).map(([k, v]) => [k, v?.replace(/[0-9a-f]$/, (c) => (c === "0" ? "1" : "0"))])) })).toBe("invalid_signature");
      expect(rejected(delivery, new Date(event.createdAt.getTime() + 301_000 + 5_000))).toBe("invalid_signature");
    },
  },
  {
    name: "webhooks delivered twice and in any order fold (by event id) to the gateway's own final state (property)",
    capability: "webhooks",
    run: async ({ makeGateway, tokens, harness, options }) => {
      const gateway = await makeGateway();
      const webhooks = harness?.webhooks;
      if (webhooks === undefined) throw new Error("webhooks needs harness.webhooks");
      const a = await authorizeNew(gateway, tokens, 1000);
      await okValue(gateway.capture(a.id, yen(1000), freshKey()));
      const refunds = gateway.meta.capabilities.has("partialRefund") ? [300, 200] : gateway.meta.capabilities.has("refund") ? [1000] : [];
      for (const amount of refunds) await okValue(gateway.refund(a.id, yen(amount), freshKey()));
      const expected = await current(gateway, a.id);
      const events = await eventually(
        () =>
          webhooks
            .deliveries()
            .map((d) => gateway.verifyWebhook(d, new Date()))
            .flatMap((r) => (r.isOk() && r.value.authorization.id === a.id ? [r.value] : [])),
        (list) => list.length >= 2 + refunds.length,
      );
      await fc.assert(
        fc.property(fc.shuffledSubarray([...events, ...events], { minLength: events.length * 2 }), (deliveries) => {
          const seen = new Map<string, PaymentEvent>();
          let state: Authorization | null = null;
          for (const event of deliveries) {
            if (seen.has(event.id)) continue;
            seen.set(event.id, event);
            state = state === null ? event.authorization : mergeAuthorizationState(state, event.authorization);
          }
          expect(state).toMatchObject({ status: expected.status, capturedAmount: expected.capturedAmount, refundedAmount: expected.refundedAmount });
        }),
        { numRuns: (options.numRuns ?? 10) * 5 },
      );
    },
  },
];
