import { describePaymentGatewayContract } from "@madoguchi/conformance/payment-gateway";
import { afterAll, beforeAll } from "vitest";
import { createSandboxPaymentGateway, TEST_CARDS, type SandboxGateway } from "../src/index.ts";
import { mintToken, SECRET_KEY, startTestSandbox } from "./support/sandbox-fixture.ts";

// A real sandbox service on 127.0.0.1:0; the client's timeout is shorter than the slow card's delay.
let sandbox: SandboxGateway;
beforeAll(async () => {
  sandbox = await startTestSandbox({ slowResponseDelayMs: 5000 });
});
afterAll(() => sandbox.close());

describePaymentGatewayContract(
  "payment-sandbox client against a real sandbox service",
  () => createSandboxPaymentGateway({ baseUrl: sandbox.url, secretKey: SECRET_KEY, timeoutMs: 1500 }),
  {
    success: () => mintToken(sandbox.url, TEST_CARDS.visaSuccess),
    declined: () => mintToken(sandbox.url, TEST_CARDS.declined),
    timeoutAfterCommit: () => mintToken(sandbox.url, TEST_CARDS.timeoutAfterCommit),
  },
);
