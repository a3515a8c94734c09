import { paymentGatewayCases, type PaymentGatewayCaseContext } from "@madoguchi/conformance/payment-gateway";
import { IdempotencyKey, yen, type PaymentGateway } from "@madoguchi/core";
import { errAsync, okAsync } from "neverthrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandboxPaymentGateway, TEST_CARDS, type SandboxGateway } from "../src/index.ts";
import { mintToken, SECRET_KEY, startTestSandbox } from "./support/sandbox-fixture.ts";

// Each broken gateway below is the real client with one promise of the contract broken; the named
// case of the suite must fail against it, or the suite would not protect anyone.
let sandbox: SandboxGateway;
beforeAll(async () => {
  sandbox = await startTestSandbox({ slowResponseDelayMs: 3000 });
});
afterAll(() => sandbox.close());

const real = (): PaymentGateway => createSandboxPaymentGateway({ baseUrl: sandbox.url, secretKey: SECRET_KEY, timeoutMs: 1000 });

const mutants: ReadonlyArray<{ readonly mutant: string; readonly caughtBy: string; readonly make: () => PaymentGateway }> = [
  {
    mutant: "declares another contract",
    caughtBy: "declares the payment-gateway@2 contract",
    make: () => ({ ...real(), meta: { ...real().meta, contract: "payment-gateway@0" } }),
  },
  {
    mutant: "ignores idempotency keys (a new key per call)",
    caughtBy: "answers the same idempotency key twice with one authorisation (same id, one charge)",
    make: () => {
      const g = real();
      return { ...g, authorize: (r) => g.authorize({ ...r, idempotencyKey: IdempotencyKey(`${r.idempotencyKey}-${Math.random()}`) }) };
    },
  },
  {
    mutant: "lookup never finds anything",
    caughtBy: "finds an authorisation by its idempotency key",
    make: () => ({ ...real(), findByIdempotencyKey: () => okAsync(null) }),
  },
  {
    mutant: "reports a timeout as unavailable",
    caughtBy: "after a timeout, finds exactly one authorisation by key, and a retry with the key returns it (no second charge)",
    make: () => {
      const g = real();
      return { ...g, authorize: (r) => g.authorize(r).mapErr((e) => (e.reason === "timeout" ? { ...e, reason: "unavailable" as const } : e)) };
    },
  },
  {
    mutant: "silently clamps an over-capture",
    caughtBy: "rejects a capture above the authorised amount as invalid_request and changes nothing",
    make: () => {
      const g = real();
      return {
        ...g,
        capture: (id, amount, key) =>
          g.capture(id, amount, key).orElse((e) => (e.reason === "invalid_request" ? okAsync({ id, amount, capturedAmount: amount, refundedAmount: yen(0), status: "captured" as const, brand: "visa" as const, last4: "4242", idempotencyKey: key, challenge: null }) : errAsync(e))),
      };
    },
  },
  {
    mutant: "reports a decline as a retryable outage",
    caughtBy: "reports a declined card as declined (not retryable), with nothing charged under its key",
    make: () => {
      const g = real();
      return { ...g, authorize: (r) => g.authorize(r).mapErr((e) => ({ ...e, reason: "unavailable" as const, retryable: true })) };
    },
  },
];

describe("the payment-gateway contract catches broken gateways", () => {
  for (const { mutant, caughtBy, make } of mutants) {
    it(`fails "${caughtBy}" for a gateway that ${mutant}`, async () => {
      const c = paymentGatewayCases.find((x) => x.name === caughtBy);
      expect(c, caughtBy).toBeDefined();
      const context: PaymentGatewayCaseContext = {
        makeGateway: make,
        tokens: {
          success: () => mintToken(sandbox.url, TEST_CARDS.visaSuccess),
          declined: () => mintToken(sandbox.url, TEST_CARDS.declined),
          timeoutAfterCommit: () => mintToken(sandbox.url, TEST_CARDS.timeoutAfterCommit),
        },
        options: { numRuns: 3 },
      };
      await expect(c?.run(context)).rejects.toThrow();
    }, 30_000);
  }
});
