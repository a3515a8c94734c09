import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { startFaultProxy, type FaultOperation, type FaultProxy, type PaymentGatewayHarness, type PaymentGatewayTestTokens } from "@madoguchi/conformance/payment-gateway";
import type { WebhookDelivery } from "@madoguchi/core";
import { PARENT_ORIGIN, mintToken, startTestSandbox } from "./sandbox-fixture.ts";
import { TEST_CARDS, type SandboxGateway } from "../../src/index.ts";

/** The webhook signing secret of test sandboxes. */
export const WEBHOOK_SECRET = "whsec_test_0123456789abcdef";
/** The client's settlement page size in the contract tests: small, so that the suite walks several pages. */
export const SETTLEMENT_PAGE_SIZE = 2;

/** A local webhook receiver keeping every delivery as received (raw body, lower-case headers). */
export const startWebhookReceiver = async (): Promise<{ url: string; deliveries: WebhookDelivery[]; close(): Promise<void> }> => {
  const deliveries: WebhookDelivery[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers[name] = value;
      deliveries.push({ rawBody: Buffer.concat(chunks).toString("utf8"), headers });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`,
    deliveries,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

/** Which port operation an HTTP call of the sandbox API is. */
export const classifySandboxCall = (method: string, path: string): FaultOperation | null => {
  if (method !== "POST") return null;
  if (path === "/v1/authorizations") return "authorize";
  const action = /^\/v1\/authorizations\/[^/]+\/(capture|void|refund)$/.exec(path)?.[1];
  return action === "capture" || action === "void" || action === "refund" ? action : null;
};

/** Answers a challenge as the resident's browser does: posts the form on the sandbox's origin. */
export const answerChallenge = async (challengeUrl: string, pass: boolean): Promise<void> => {
  const response = await fetch(challengeUrl, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ origin: PARENT_ORIGIN, code: pass ? "123456" : "000000" }),
  });
  if (!response.ok) throw new Error(`challenge answer: ${response.status}`);
};

/** A sandbox with webhooks to a local receiver, a fault proxy in front of its API, and the contract's harness. */
export interface SandboxContractRig {
  readonly sandbox: SandboxGateway;
  readonly proxy: FaultProxy;
  readonly harness: PaymentGatewayHarness;
  readonly tokens: PaymentGatewayTestTokens;
  close(): Promise<void>;
}

export const startSandboxContractRig = async (slowResponseDelayMs = 5000): Promise<SandboxContractRig> => {
  const receiver = await startWebhookReceiver();
  const sandbox = await startTestSandbox({ slowResponseDelayMs, webhookUrl: receiver.url, webhookSecret: WEBHOOK_SECRET });
  const proxy = await startFaultProxy(sandbox.url, classifySandboxCall);
  return {
    sandbox,
    proxy,
    harness: { faults: proxy, challenges: { answer: answerChallenge }, webhooks: { deliveries: () => receiver.deliveries }, settlement: { pageSize: SETTLEMENT_PAGE_SIZE } },
    tokens: {
      success: () => mintToken(sandbox.url, TEST_CARDS.visaSuccess),
      declined: () => mintToken(sandbox.url, TEST_CARDS.declined),
      timeoutAfterCommit: () => mintToken(sandbox.url, TEST_CARDS.timeoutAfterCommit),
      challenge: () => mintToken(sandbox.url, TEST_CARDS.threeDSecureRequired),
    },
    close: async () => {
      await proxy.close();
      await sandbox.close();
      await receiver.close();
    },
  };
};
