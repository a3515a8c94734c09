import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { startFaultProxy, type FaultOperation, type FaultProxy, type PaymentGatewayHarness, type PaymentGatewayTestTokens } from "@madoguchi/conformance/payment-gateway";
import type { WebhookDelivery } from "@madoguchi/core";
import { startStripeContractServer, type StripeContractServer } from "./stripe-contract-server.ts";
import { CARD } from "./stripe-test-cards.ts";

/** Test keys of the contract server (shaped as Stripe's, valid nowhere). */
export const SECRET_KEY = "sk_test_madoguchiContractServer01";
export const PUBLISHABLE_KEY = "pk_test_madoguchiContractServer01";
export const WEBHOOK_SECRET = "whsec_madoguchiContractServer0123";
export const RETURN_URL = "http://127.0.0.1/payments/return";

/** Which port operation an HTTP call of Stripe's API is, for the fault proxy. */
export const classifyStripeCall = (method: string, path: string): FaultOperation | null => {
  if (method !== "POST") return null;
  if (path === "/v1/payment_intents") return "authorize";
  if (path === "/v1/refunds") return "refund";
  const action = /^\/v1\/payment_intents\/[^/]+\/(capture|cancel)$/.exec(path)?.[1];
  return action === "capture" ? "capture" : action === "cancel" ? "void" : null;
};

/**
 * A PaymentMethod id made the way Stripe.js makes it in the resident's browser: the card goes from
 * the browser to Stripe with the publishable key; madoguchi's server only ever sees the `pm_…` id.
 */
export const mintPaymentMethod = async (apiBase: string, number: string): Promise<string> => {
  const response = await fetch(`${apiBase}/v1/payment_methods`, {
    method: "POST",
    headers: { Authorization: `Bearer ${PUBLISHABLE_KEY}`, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ type: "card", "card[number]": number, "card[exp_month]": "12", "card[exp_year]": "2034", "card[cvc]": "123" }),
  });
  const body = (await response.json()) as { id?: string };
  if (!response.ok || body.id === undefined) throw new Error(`minting a payment method: ${response.status}`);
  return body.id;
};

const startWebhookReceiver = async () => {
  const deliveries: WebhookDelivery[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers[name] = value;
      deliveries.push({ rawBody: Buffer.concat(chunks).toString("utf8"), headers });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/stripe`,
    deliveries,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

/** The contract server, a fault proxy in front of it, a webhook receiver, and what the suite needs. */
export interface StripeContractRig {
  readonly server: StripeContractServer;
  readonly proxy: FaultProxy;
  readonly harness: PaymentGatewayHarness;
  readonly tokens: PaymentGatewayTestTokens;
  close(): Promise<void>;
}

export const startStripeContractRig = async (): Promise<StripeContractRig> => {
  const receiver = await startWebhookReceiver();
  const server = await startStripeContractServer({ secretKey: SECRET_KEY, publishableKey: PUBLISHABLE_KEY, webhookUrl: receiver.url, webhookSecret: WEBHOOK_SECRET });
  const proxy = await startFaultProxy(server.url, classifyStripeCall);
  return {
    server,
    proxy,
    harness: {
      faults: proxy,
      // The resident presses "Complete" or "Fail" on the issuer's page (on Stripe's origin).
      challenges: {
        answer: async (url, pass) => {
          const response = await fetch(url, { method: "POST", redirect: "manual", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ result: pass ? "pass" : "fail" }) });
          if (response.status !== 303) throw new Error(`challenge answer: ${response.status}`);
        },
      },
      webhooks: { deliveries: () => receiver.deliveries },
    },
    tokens: {
      success: () => mintPaymentMethod(server.url, CARD.success),
      declined: () => mintPaymentMethod(server.url, CARD.declinedOnCharge),
      challenge: () => mintPaymentMethod(server.url, CARD.challenge),
    },
    close: async () => {
      await proxy.close();
      await server.close();
      await receiver.close();
    },
  };
};
