import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

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
