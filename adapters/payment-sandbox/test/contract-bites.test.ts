import { allPaymentGatewayCases, type PaymentGatewayCaseContext } from "@madoguchi/conformance/payment-gateway";
import { IdempotencyKey, yen, type PaymentGateway } from "@madoguchi/core";
import { errAsync, okAsync } from "neverthrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandboxPaymentGateway } from "../src/index.ts";
import { SECRET_KEY } from "./support/sandbox-fixture.ts";
import { SETTLEMENT_PAGE_SIZE, startSandboxContractRig, WEBHOOK_SECRET, type SandboxContractRig } from "./support/sandbox-harness.ts";

// Each broken gateway below is the real client with one promise of the contract broken; the named
// case of the suite must fail against it, or the suite would not protect anyone.
let rig: SandboxContractRig;
beforeAll(async () => {
  rig = await startSandboxContractRig(3000);
});
afterAll(() => rig.close());

const real = (): PaymentGateway => createSandboxPaymentGateway({ baseUrl: rig.proxy.url, secretKey: SECRET_KEY, timeoutMs: 1000, webhookSecret: WEBHOOK_SECRET, settlementPageSize: SETTLEMENT_PAGE_SIZE });

const SETTLEMENT_CASE = "after authorise, capture and refunds through the adapter, the records of the period list exactly those captures and refunds, with brand and key";

const mutants: ReadonlyArray<{ readonly mutant: string; readonly caughtBy: string; readonly make: () => PaymentGateway }> = [
  {
    mutant: "declares another contract",
    caughtBy: "declares the payment-gateway@3 contract",
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
  {
    mutant: "refunds again when a refund is retried with the same key (a fresh key per call)",
    caughtBy: "refund under a timeout after commit: refunded once, and the retry with the key refunds nothing more",
    make: () => {
      const g = real();
      return { ...g, refund: (id, amount, key) => g.refund(id, amount, IdempotencyKey(`${key}-${Math.random()}`)) };
    },
  },
  {
    mutant: "charges a new authorisation when a retry follows an unknown outcome (a fresh key per call)",
    caughtBy: "authorise under timeout_after_commit: the outcome is unknown (retryable), the lookup finds exactly one authorisation, and a retry with the key charges nothing more",
    make: () => {
      const g = real();
      let calls = 0;
      return { ...g, authorize: (r) => g.authorize(calls++ === 0 ? r : { ...r, idempotencyKey: IdempotencyKey(`${r.idempotencyKey}-again`) }) };
    },
  },
  {
    mutant: "accepts webhooks whatever their signature",
    caughtBy: "verifies genuine webhooks and rejects a changed body, a wrong or missing signature and a stale timestamp",
    make: () => {
      const g = real();
      return {
        ...g,
        verifyWebhook: (d, now) => {
          const genuine = g.verifyWebhook(d, now);
          return genuine.isOk() ? genuine : g.verifyWebhook(rig.harness.webhooks?.deliveries()[0] ?? d, new Date());
        },
      };
    },
  },
  {
    mutant: "lets a saved card be charged for another customer",
    caughtBy: "charges a saved card only for its own customer",
    make: () => {
      const g = real();
      // Remembers each card's owner and charges the card whoever asks.
      const owners = new Map<string, string>();
      return {
        ...g,
        saveCard: (customerId, token, key) => g.saveCard(customerId, token, key).map((card) => (owners.set(card.id, customerId), card)),
        authorize: (r) =>
          g.authorize(r.source.kind === "saved_card" ? { ...r, source: { ...r.source, customerId: owners.get(r.source.cardId) ?? r.source.customerId } } : r),
      };
    },
  },
  {
    mutant: "reports a failed 3-D Secure challenge as authorised",
    caughtBy: "a failed challenge authorises nothing: challenge_failed, and nothing found under the key",
    make: () => {
      const g = real();
      return { ...g, completeChallenge: (id, key) => g.completeChallenge(id, key).orElse(() => g.getAuthorization(id).map((a) => ({ ...(a ?? ({} as never)), id, status: "authorized" as const }))) };
    },
  },
  {
    mutant: "drops one record of the period",
    caughtBy: SETTLEMENT_CASE,
    make: () => {
      const g = real();
      return { ...g, listSettlementRecords: (p) => g.listSettlementRecords(p).map((rs) => rs.filter((r) => r.kind !== "refund" || r.amount !== 200)) };
    },
  },
  {
    mutant: "reports a refund's amount changed by one yen",
    caughtBy: SETTLEMENT_CASE,
    make: () => {
      const g = real();
      return { ...g, listSettlementRecords: (p) => g.listSettlementRecords(p).map((rs) => rs.map((r) => (r.kind === "refund" ? { ...r, amount: yen(r.amount + 1) } : r))) };
    },
  },
  {
    mutant: "books the authorised amount of a partial capture",
    caughtBy: SETTLEMENT_CASE,
    make: () => {
      const g = real();
      return { ...g, listSettlementRecords: (p) => g.listSettlementRecords(p).map((rs) => rs.map((r) => (r.kind === "capture" && r.amount === 600 ? { ...r, amount: yen(1000) } : r))) };
    },
  },
  {
    mutant: "ignores the period (lists everything it ever booked)",
    caughtBy: "a period lists only what was booked in it: a capture before it and one after it are excluded",
    make: () => {
      const g = real();
      return { ...g, listSettlementRecords: (p) => g.listSettlementRecords({ from: new Date(0), to: new Date(Math.max(p.to.getTime(), Date.now() + 60_000)) }) };
    },
  },
  {
    mutant: "reads only the first page",
    caughtBy: "follows the gateway's pages: more records than a page are all listed, each once",
    make: () => {
      const g = real();
      // Walks no further than the newest page's worth: the records of one page only.
      return { ...g, listSettlementRecords: (p) => g.listSettlementRecords(p).map((rs) => rs.slice(0, SETTLEMENT_PAGE_SIZE)) };
    },
  },
  {
    mutant: "claims settlementRecords but answers unsupported",
    caughtBy: SETTLEMENT_CASE,
    make: () => ({ ...real(), listSettlementRecords: () => errAsync({ _tag: "PaymentError" as const, reason: "unsupported" as const, operation: "x", retryable: false, message: "x" }) }),
  },
];

describe("the payment-gateway contract catches broken gateways", () => {
  for (const { mutant, caughtBy, make } of mutants) {
    it(`fails "${caughtBy}" for a gateway that ${mutant}`, async () => {
      const c = allPaymentGatewayCases.find((x) => x.name === caughtBy);
      expect(c, caughtBy).toBeDefined();
      const context: PaymentGatewayCaseContext = {
        makeGateway: make,
        tokens: rig.tokens,
        options: { numRuns: 3 },
        harness: rig.harness,
      };
      await expect(c?.run(context)).rejects.toThrow();
    }, 30_000);
  }
});
