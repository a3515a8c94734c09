import { existsSync } from "node:fs";
import { join } from "node:path";
import express, { type ErrorRequestHandler, type Express, type Router } from "express";
import { pinoHttp } from "pino-http";
import { auditDenied } from "../audit/record-audit.ts";
import type { AddressList } from "../network/address-list.ts";
import { staffNetworkGate } from "../network/staff-network-gate.ts";
import { paymentWebhookRoutes } from "./routes/payment-webhook-routes.ts";
import { residentRouters } from "./resident-surface.ts";
import { noStore, securityHeaders } from "./security-headers.ts";
import type { ServerDeps } from "./server-deps.ts";
import { staffRouters } from "./staff-surface.ts";

/**
 * Which listener an app serves. The staff surface is reachable only from `allowed` (LGWAN ranges);
 * `trustedProxies` are the only hops whose X-Forwarded-For is believed.
 */
export type Surface =
  | { readonly kind: "resident" }
  | { readonly kind: "staff"; readonly allowed: AddressList; readonly trustedProxies: AddressList };

/**
 * The reference HTTP app of one listener. Security headers come first so that every response, errors
 * and refusals included, has them. Request bodies are never logged: the HTTP log records method, path,
 * status and time only.
 */
export const createApp = (deps: ServerDeps, surface: Surface = { kind: "resident" }): Express => {
  const app = express();
  app.disable("x-powered-by");
  // The resident listener trusts no proxy; the staff listener only the configured ones. Anything else
  // in X-Forwarded-For is ignored, so a forged header cannot pass the allow-list or fake an audit address.
  app.set("trust proxy", surface.kind === "staff" && surface.trustedProxies.ranges.length > 0 ? surface.trustedProxies.ranges : false);
  app.use(securityHeaders({ payment: surface.kind === "resident" ? deps.payment : null, secure: deps.behindTls }));
  app.use(
    pinoHttp({
      logger: deps.logger.child({ listener: surface.kind }),
      customLogLevel: (_req, res, error) => (error !== undefined || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info"),
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, path: req.url.split("?")[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => req.url === "/healthz" },
    }),
  );
  if (surface.kind === "staff") {
    const recordDenial = auditDenied(deps);
    app.use(staffNetworkGate(surface.allowed, (req) => recordDenial(req, "network", null)));
  }

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });

  // The gateway's webhooks are verified over their raw bytes: routed before any JSON parser, on the
  // listener the gateway reaches (the internet side), without session or CSRF (ADR 27).
  if (surface.kind === "resident") app.use(paymentWebhookRoutes(deps));
  app.use("/api", noStore, express.json({ limit: "128kb" }));
  const routers: Router[] = surface.kind === "staff" ? staffRouters(deps) : residentRouters(deps);
  for (const router of routers) app.use(router);

  app.use("/api", (_req, res) => {
    res.status(404).json({ error: { code: "not_found", message: "見つかりません / Not found" } });
  });
  if (surface.kind === "resident") {
    // The back office's pages do not exist on the internet side (not even the empty page shell).
    app.use("/staff", (_req, res) => {
      res.status(404).type("text/plain; charset=utf-8").send("見つかりません / Not found");
    });
  } else {
    app.get("/", (_req, res) => res.redirect(303, "/staff"));
  }

  if (deps.webDist !== null && existsSync(join(deps.webDist, "index.html"))) {
    const index = join(deps.webDist, "index.html");
    app.use(express.static(deps.webDist, { index: false, maxAge: "1h" }));
    // The React app routes on the client: every other GET gets index.html (not cached: it names the bundles).
    app.get("/{*path}", noStore, (_req, res) => res.sendFile(index));
  }

  const onError: ErrorRequestHandler = (error: { type?: string; status?: number }, req, res, _next) => {
    if (error.type === "entity.parse.failed" || error.type === "entity.too.large") {
      res.status(error.status ?? 400).json({ error: { code: "request.malformed", message: "リクエストの形式が正しくありません / Malformed request" } });
      return;
    }
    req.log.error({ errorType: error.type ?? "unknown" }, "unhandled error");
    res.status(500).json({ error: { code: "internal", message: "システムエラーが発生しました / Internal error" } });
  };
  app.use(onError);
  return app;
};
