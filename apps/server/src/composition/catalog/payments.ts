import { randomBytes } from "node:crypto";
import type { PaymentGateway } from "@madoguchi/core";
import { createSandboxPaymentGateway, sandboxClientConfig, startSandboxGateway } from "@madoguchi/adapter-payment-sandbox";
import { createStripePaymentGateway } from "@madoguchi/adapter-payment-stripe";
import { STRIPE_3DS_RETURN_PATH, type Config } from "../../config/config.ts";
import { readStripeKeysFile } from "../../config/stripe-keys-file.ts";
import type { PaymentClientConfig } from "../../http/server-deps.ts";

/** The payment side: the gateway port, what the browser needs, and how to stop an embedded sandbox. */
export interface PaymentParts {
  readonly gateway: PaymentGateway;
  readonly browser: PaymentClientConfig;
  close(): Promise<void>;
}

/** Gateway calls give up after this long; the outcome is then reconciled by idempotency key. */
const GATEWAY_TIMEOUT_MS = 10_000;

const factories = {
  /** The sandbox as its own service on its own port and origin, started with the app. */
  "embedded-sandbox": async (config: Extract<Config["payment"], { kind: "embedded-sandbox" }>, parentOrigins: readonly string[], webhookUrl: string) => {
    // The in-process sandbox signs its webhooks to our route with a secret that lives as long as it does.
    const webhookSecret = randomBytes(32).toString("base64url");
    const sandbox = await startSandboxGateway({
      webhookUrl,
      webhookSecret,
      port: config.port,
      host: "127.0.0.1",
      secretKey: config.secretKey,
      allowedParentOrigins: [...parentOrigins],
      acceptedBrands: [...config.acceptedBrands],
    });
    return {
      gateway: createSandboxPaymentGateway({ baseUrl: sandbox.url, secretKey: config.secretKey, timeoutMs: GATEWAY_TIMEOUT_MS, webhookSecret }),
      browser: { kind: "sandbox" as const, ...sandboxClientConfig(sandbox.url) },
      close: () => sandbox.close(),
    };
  },
  /** A sandbox (or compatible gateway) already running elsewhere. */
  "remote-sandbox": async (config: Extract<Config["payment"], { kind: "remote-sandbox" }>) => ({
    // Its operator starts it with our webhook URL and this secret (MADOGUCHI_PAYMENT_WEBHOOK_SECRET); without one, no webhooks.
    gateway: createSandboxPaymentGateway({ baseUrl: config.url, secretKey: config.secretKey, timeoutMs: GATEWAY_TIMEOUT_MS, ...(config.webhookSecret === null ? {} : { webhookSecret: config.webhookSecret }) }),
    browser: { kind: "sandbox" as const, ...sandboxClientConfig(config.url) },
    close: async () => undefined,
  }),
  /**
   * Stripe (docs/adr/0028-real-payment-gateway.md). Refuses to start on a bad keys file, and when
   * Stripe rejects the secret key; an unreachable Stripe does not stop the start (payments then fail
   * as unavailable, and reconcile later by key).
   */
  stripe: async (config: Extract<Config["payment"], { kind: "stripe" }>, parentOrigins: readonly string[]) => {
    const keys = await readStripeKeysFile(config.keysFile);
    if (keys.isErr()) throw new Error(keys.error);
    const returnUrl = config.returnUrl ?? `${parentOrigins[0] ?? "http://localhost"}${STRIPE_3DS_RETURN_PATH}`;
    const gateway = createStripePaymentGateway({
      ...(config.apiBase === null ? {} : { apiBase: config.apiBase }),
      secretKey: keys.value.secretKey,
      timeoutMs: GATEWAY_TIMEOUT_MS,
      webhookSecrets: keys.value.webhookSecrets,
      returnUrl,
    });
    const health = await gateway.healthCheck();
    if (health.isErr() && !health.error.retryable) throw new Error(`Stripe refused the configured secret key (MADOGUCHI_STRIPE_KEYS_FILE): ${health.error.message}`);
    // Card fields are Stripe Elements, iframes served by js.stripe.com: the card never reaches us (ADR 0028).
    const browser = { kind: "stripe" as const, stripeJsUrl: config.stripeJsUrl, publishableKey: keys.value.publishableKey, threeDSecureReturnOrigin: new URL(returnUrl).origin };
    return { gateway, browser, close: async () => undefined };
  },
} satisfies { [K in Config["payment"]["kind"]]: (c: Extract<Config["payment"], { kind: K }>, origins: readonly string[], webhookUrl: string) => Promise<PaymentParts> };

/** `webhookUrl`: our webhook route as the embedded sandbox reaches it (loopback); see ADR 27. */
export const buildPayment = (config: Config, parentOrigins: readonly string[], webhookUrl: string): Promise<PaymentParts> => {
  switch (config.payment.kind) {
    case "embedded-sandbox":
      return factories["embedded-sandbox"](config.payment, parentOrigins, webhookUrl);
    case "remote-sandbox":
      return factories["remote-sandbox"](config.payment);
    case "stripe":
      return factories.stripe(config.payment, parentOrigins);
  }
};
