import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Schema } from "effect";
import { DEFAULT_ACCEPTED_BRANDS } from "../cards/card-brand.ts";
import { createSandboxApp } from "./create-sandbox-app.ts";
import { SandboxGatewayOptions } from "./sandbox-gateway.options.ts";

/** A running sandbox gateway. */
export interface SandboxGateway {
  /** Base URL without a trailing slash, with the real port, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Stops listening, drops open connections and cancels pending slow answers. */
  close(): Promise<void>;
}

/**
 * Starts the payment sandbox as its own HTTP service on its own origin, so card data entered in its
 * hosted fields never touches the madoguchi server (PCI DSS SAQ A). State is in memory and dies with
 * the process. Throws on invalid options (a configuration error, found at start).
 */
export const startSandboxGateway = async (options: SandboxGatewayOptions): Promise<SandboxGateway> => {
  const valid = Schema.decodeUnknownSync(SandboxGatewayOptions)(options, { errors: "all" });
  if ((valid.webhookUrl === undefined) !== (valid.webhookSecret === undefined)) {
    throw new Error("payment sandbox: webhookUrl and webhookSecret are given together or not at all");
  }
  const timers = new Set<NodeJS.Timeout>();
  let publicUrl = valid.publicUrl ?? "";
  const app = createSandboxApp({
    publicUrl: () => publicUrl,
    ...(valid.webhookUrl === undefined || valid.webhookSecret === undefined ? {} : { webhook: { url: valid.webhookUrl, secret: valid.webhookSecret } }),
    secretKey: valid.secretKey,
    allowedParentOrigins: valid.allowedParentOrigins,
    acceptedBrands: valid.acceptedBrands ?? DEFAULT_ACCEPTED_BRANDS,
    slowResponseDelayMs: valid.slowResponseDelayMs ?? 5000,
    now: () => new Date(),
    defer: (fn, ms) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        fn();
      }, ms);
      timers.add(timer);
    },
  });

  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(valid.port, valid.host, (error?: Error) => (error === undefined ? resolve(s) : reject(error)));
  });
  const { port } = server.address() as AddressInfo;
  const host = valid.host.includes(":") ? `[${valid.host}]` : valid.host;
  if (publicUrl === "") publicUrl = `http://${host}:${port}/`;
  if (!publicUrl.endsWith("/")) publicUrl = `${publicUrl}/`;

  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
};
