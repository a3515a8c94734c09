import { describePaymentGatewayContract } from "@madoguchi/conformance/payment-gateway";
import { afterAll, beforeAll } from "vitest";
import { createStripePaymentGateway } from "../src/index.ts";
import { RETURN_URL, SECRET_KEY, startStripeContractRig, WEBHOOK_SECRET, type StripeContractRig } from "./support/stripe-harness.ts";

// The adapter against the local contract server written from Stripe's API reference, through a
// fault-injecting proxy; webhooks go to a local receiver. The timeout is short: the server answers in ms.
/** Balance transactions per page in these tests: small, so the suite walks several pages (Stripe's maximum is 100). */
const SETTLEMENT_PAGE_SIZE = 2;
let rig: StripeContractRig;
beforeAll(async () => {
  rig = await startStripeContractRig();
});
afterAll(() => rig.close());

describePaymentGatewayContract(
  "payment-stripe against the Stripe contract server",
  () => createStripePaymentGateway({ apiBase: rig.proxy.url, secretKey: SECRET_KEY, timeoutMs: 1000, webhookSecrets: [WEBHOOK_SECRET], returnUrl: RETURN_URL, settlementPageSize: SETTLEMENT_PAGE_SIZE }),
  {
    success: () => rig.tokens.success(),
    declined: () => rig.tokens.declined(),
    challenge: () => rig.tokens.challenge?.() ?? Promise.reject(new Error("no token")),
  },
  {},
  {
    // Delegates, because the rig only exists once beforeAll has run.
    faults: { inject: (operation, fault) => rig.proxy.inject(operation, fault), clear: () => rig.proxy.clear() },
    challenges: { answer: (url, pass) => rig.harness.challenges?.answer(url, pass) ?? Promise.resolve() },
    webhooks: { deliveries: () => rig.harness.webhooks?.deliveries() ?? [] },
    settlement: { pageSize: SETTLEMENT_PAGE_SIZE },
  },
);
