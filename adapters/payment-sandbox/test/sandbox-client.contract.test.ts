import { describePaymentGatewayContract } from "@madoguchi/conformance/payment-gateway";
import { afterAll, beforeAll } from "vitest";
import { createSandboxPaymentGateway } from "../src/index.ts";
import { SECRET_KEY } from "./support/sandbox-fixture.ts";
import { SETTLEMENT_PAGE_SIZE, startSandboxContractRig, WEBHOOK_SECRET, type SandboxContractRig } from "./support/sandbox-harness.ts";

// A real sandbox service on 127.0.0.1:0 sending webhooks to a local receiver, reached through a
// fault-injecting proxy; the client's timeout is shorter than the slow card's delay.
let rig: SandboxContractRig;
beforeAll(async () => {
  rig = await startSandboxContractRig(5000);
});
afterAll(() => rig.close());

describePaymentGatewayContract(
  "payment-sandbox client against a real sandbox service",
  () => createSandboxPaymentGateway({ baseUrl: rig.proxy.url, secretKey: SECRET_KEY, timeoutMs: 1500, webhookSecret: WEBHOOK_SECRET, settlementPageSize: SETTLEMENT_PAGE_SIZE }),
  {
    success: () => rig.tokens.success(),
    declined: () => rig.tokens.declined(),
    timeoutAfterCommit: () => rig.tokens.timeoutAfterCommit?.() ?? Promise.reject(new Error("no token")),
    challenge: () => rig.tokens.challenge?.() ?? Promise.reject(new Error("no token")),
  },
  {},
  {
    faults: { inject: (operation, fault) => rig.proxy.inject(operation, fault), clear: () => rig.proxy.clear() },
    challenges: { answer: (url, pass) => rig.harness.challenges?.answer(url, pass) ?? Promise.resolve() },
    webhooks: { deliveries: () => rig.harness.webhooks?.deliveries() ?? [] },
    settlement: { pageSize: SETTLEMENT_PAGE_SIZE },
  },
);
