import { IdempotencyKey, yen } from "@madoguchi/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStripePaymentGateway } from "../src/index.ts";
import { startStripeContractServer, type StripeContractServer } from "./support/stripe-contract-server.ts";
import { mintPaymentMethod, PUBLISHABLE_KEY, RETURN_URL, SECRET_KEY } from "./support/stripe-harness.ts";

let server: StripeContractServer;
beforeAll(async () => {
  server = await startStripeContractServer({ secretKey: SECRET_KEY, publishableKey: PUBLISHABLE_KEY });
});
afterAll(() => server.close());

const gateway = (secretKey = SECRET_KEY) => createStripePaymentGateway({ apiBase: server.url, secretKey, timeoutMs: 2000, returnUrl: RETURN_URL });
const key = () => IdempotencyKey(`unit-${globalThis.crypto.randomUUID()}`);

describe("payment-stripe errors and options", () => {
  it("a rejected secret key is unavailable and not retryable (retrying cannot help), and the health check says so", async () => {
    const wrong = gateway("sk_test_notTheRightKey00");
    const error = (await wrong.healthCheck())._unsafeUnwrapErr();
    expect([error.reason, error.retryable]).toEqual(["unavailable", false]);
    expect((await gateway().healthCheck()).isOk()).toBe(true);
  });

  it("maps Stripe's insufficient_funds and expired_card declines to their own reasons", async () => {
    const g = gateway();
    for (const [number, reason] of [["4000000000009995", "insufficient_funds"], ["4000000000000069", "expired_card"]] as const) {
      const token = await mintPaymentMethod(server.url, number);
      const error = (await g.authorize({ source: { kind: "token", token }, amount: yen(500), idempotencyKey: key(), description: "x" }))._unsafeUnwrapErr();
      expect([error.reason, error.retryable]).toEqual([reason, false]);
    }
  });

  it("an unknown payment method id is invalid_token, and nothing is authorised", async () => {
    const idempotencyKey = key();
    const error = (await gateway().authorize({ source: { kind: "token", token: "pm_doesnotexist" }, amount: yen(500), idempotencyKey, description: "x" }))._unsafeUnwrapErr();
    expect(error.reason).toBe("invalid_token");
    expect((await gateway().findByIdempotencyKey(idempotencyKey))._unsafeUnwrap()).toBeNull();
  });

  it("declares webhooks only with a signing secret, and refuses options that would leak or misroute: a publishable key, plain http off loopback", () => {
    expect(gateway().meta.capabilities.has("webhooks")).toBe(false);
    expect(() => createStripePaymentGateway({ secretKey: "pk_test_abcdefghijkl", timeoutMs: 1000, returnUrl: RETURN_URL })).toThrow();
    expect(() => createStripePaymentGateway({ apiBase: "http://api.example.jp", secretKey: SECRET_KEY, timeoutMs: 1000, returnUrl: RETURN_URL })).toThrow();
  });
});
