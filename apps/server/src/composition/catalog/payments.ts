import type { PaymentGateway } from "@madoguchi/core";
import { createSandboxPaymentGateway, sandboxClientConfig, startSandboxGateway } from "@madoguchi/adapter-payment-sandbox";
import type { Config } from "../../config/config.ts";
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
  "embedded-sandbox": async (config: Extract<Config["payment"], { kind: "embedded-sandbox" }>, parentOrigins: readonly string[]) => {
    const sandbox = await startSandboxGateway({
      port: config.port,
      host: "127.0.0.1",
      secretKey: config.secretKey,
      allowedParentOrigins: [...parentOrigins],
    });
    return {
      gateway: createSandboxPaymentGateway({ baseUrl: sandbox.url, secretKey: config.secretKey, timeoutMs: GATEWAY_TIMEOUT_MS }),
      browser: sandboxClientConfig(sandbox.url),
      close: () => sandbox.close(),
    };
  },
  /** A sandbox (or compatible gateway) already running elsewhere. */
  "remote-sandbox": async (config: Extract<Config["payment"], { kind: "remote-sandbox" }>) => ({
    gateway: createSandboxPaymentGateway({ baseUrl: config.url, secretKey: config.secretKey, timeoutMs: GATEWAY_TIMEOUT_MS }),
    browser: sandboxClientConfig(config.url),
    close: async () => undefined,
  }),
} satisfies { [K in Config["payment"]["kind"]]: (c: Extract<Config["payment"], { kind: K }>, origins: readonly string[]) => Promise<PaymentParts> };

export const buildPayment = (config: Config, parentOrigins: readonly string[]): Promise<PaymentParts> =>
  config.payment.kind === "embedded-sandbox"
    ? factories["embedded-sandbox"](config.payment, parentOrigins)
    : factories["remote-sandbox"](config.payment);
