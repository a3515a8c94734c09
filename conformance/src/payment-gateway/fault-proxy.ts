import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A fault the proxy injects into one call:
 * - `timeout_after_commit`: the gateway receives and commits the call, but the answer never comes back
 *   (the adapter's own deadline runs out: outcome unknown);
 * - `bad_gateway_after_commit`: the gateway commits, and the caller gets a 502 instead of its answer;
 * - `unavailable_before_commit`: a 503 before anything reaches the gateway (nothing committed).
 */
export type GatewayFault = "timeout_after_commit" | "bad_gateway_after_commit" | "unavailable_before_commit";

/** The port operations a fault can target. */
export type FaultOperation = "authorize" | "capture" | "void" | "refund";

/** Arms faults for the next calls of an operation; what the suite sees of the harness. */
export interface PaymentGatewayFaults {
  /** The next call of `operation` suffers `fault` (once). */
  inject(operation: FaultOperation, fault: GatewayFault): void;
  /** Disarms every fault not yet injected. */
  clear(): void;
}

/** A fault-injecting reverse proxy between a gateway adapter and its (real or sandbox) gateway. */
export interface FaultProxy extends PaymentGatewayFaults {
  /** Point the adapter's base URL here. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Starts a loopback reverse proxy forwarding to `upstream`. `classify` names the port operation of an
 * HTTP call (`POST /v1/authorizations` → `authorize` for the sandbox); vendors write theirs for their
 * gateway's API. Bodies are forwarded unchanged and never logged.
 */
export const startFaultProxy = async (upstream: string, classify: (method: string, path: string) => FaultOperation | null): Promise<FaultProxy> => {
  const target = new URL(upstream);
  const armed = new Map<FaultOperation, GatewayFault[]>();
  const held = new Set<ServerResponse>();

  const forward = (req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const upstreamRequest = httpRequest(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on("data", (c: Buffer) => chunks.push(c));
          answer.on("end", () => {
            const headers: Record<string, string> = {};
            for (const [name, value] of Object.entries(answer.headers)) {
              if (typeof value === "string" && !["connection", "transfer-encoding", "keep-alive", "content-length"].includes(name)) headers[name] = value;
            }
            resolve({ status: answer.statusCode ?? 502, headers, body: Buffer.concat(chunks) });
          });
          answer.on("error", reject);
        },
      );
      upstreamRequest.on("error", reject);
      upstreamRequest.end(body);
    });

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const operation = classify(req.method ?? "GET", (req.url ?? "/").split("?")[0] ?? "/");
      const fault = operation === null ? undefined : armed.get(operation)?.shift();
      const json = (status: number, code: string) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ error: { code, message: "injected fault" } }));
      if (fault === "unavailable_before_commit") return void json(503, "service_unavailable");
      forward(req, Buffer.concat(chunks)).then(
        (answer) => {
          if (fault === "bad_gateway_after_commit") return void json(502, "bad_gateway");
          if (fault === "timeout_after_commit") {
            // Committed upstream; the answer is lost. Hold the socket until the client gives up.
            held.add(res);
            res.on("close", () => held.delete(res));
            return;
          }
          res.writeHead(answer.status, answer.headers).end(answer.body);
        },
        () => json(502, "bad_gateway"),
      );
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    inject(operation, fault) {
      armed.set(operation, [...(armed.get(operation) ?? []), fault]);
    },
    clear() {
      armed.clear();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const res of held) res.destroy();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
};
