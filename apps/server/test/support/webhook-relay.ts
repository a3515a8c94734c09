import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { startSandboxGateway } from "@madoguchi/adapter-payment-sandbox";
import { PAYMENT_WEBHOOK_PATH } from "../../src/payments/payment-webhook.ts";

/** One webhook delivery as the gateway sent it: headers (lower-case names), raw body, and our answer's status. */
export interface RecordedDelivery {
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly status: number;
}

/**
 * A loopback relay between a gateway started before the server (whose webhook URL is fixed at its start)
 * and the server (whose port is known only once it listens): it records each delivery and forwards it,
 * unchanged, to `target`, answering the gateway with the server's status (or 503 for what it is told to refuse).
 */
export const startWebhookRelay = async () => {
  const deliveries: RecordedDelivery[] = [];
  let target: string | null = null;
  let refuse: (body: string) => boolean = () => false;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string" && name !== "host" && name !== "content-length" && name !== "connection") headers[name] = value;
      if (target === null) return void res.writeHead(503).end();
      if (refuse(body)) {
        // As a receiver that is down: the gateway retries, then gives up.
        deliveries.push({ headers, body, status: 503 });
        return void res.writeHead(503).end();
      }
      fetch(`${target}${req.url ?? "/"}`, { method: "POST", headers, body })
        .then(async (answer) => {
          deliveries.push({ headers, body, status: answer.status });
          res.writeHead(answer.status, { "content-type": "application/json" }).end(await answer.text());
        })
        .catch(() => res.writeHead(502).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    deliveries,
    forwardTo: (url: string) => {
      target = url;
    },
    /** Deliveries whose body matches are answered 503 and never reach the server. */
    refuseWhen: (predicate: (body: string) => boolean) => {
      refuse = predicate;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

/**
 * A remote sandbox gateway on its own loopback origin that sends its signed webhooks to `relay`, and the server
 * environment that points at it (`url` overrides the gateway URL the server calls, e.g. a fault proxy in front).
 */
export const startSandboxBehindRelay = async (relay: { readonly url: string }, secrets: { readonly secretKey: string; readonly webhookSecret: string }) => {
  const sandbox = await startSandboxGateway({
    port: 0,
    host: "127.0.0.1",
    secretKey: secrets.secretKey,
    allowedParentOrigins: ["http://127.0.0.1:9"],
    webhookUrl: `${relay.url}${PAYMENT_WEBHOOK_PATH}`,
    webhookSecret: secrets.webhookSecret,
  });
  const serverEnv = (url = sandbox.url) => ({ MADOGUCHI_PAYMENT_URL: url, MADOGUCHI_PAYMENT_SECRET_KEY: secrets.secretKey, MADOGUCHI_PAYMENT_WEBHOOK_SECRET: secrets.webhookSecret });
  return { sandbox, serverEnv };
};
