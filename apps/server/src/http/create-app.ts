import { existsSync } from "node:fs";
import { join } from "node:path";
import express, { type ErrorRequestHandler, type Express } from "express";
import { pinoHttp } from "pino-http";
import { devInboxRoutes } from "./routes/dev-inbox-routes.ts";
import { residentRoutes } from "./routes/resident-routes.ts";
import { auditRoutes } from "./routes/audit-routes.ts";
import { staffRoutes } from "./routes/staff-routes.ts";
import { noStore, securityHeaders } from "./security-headers.ts";
import type { ServerDeps } from "./server-deps.ts";

/**
 * The reference HTTP app. Security headers come first so that every response, errors included, has
 * them. Request bodies are never logged: the HTTP log records method, path, status and time only.
 */
export const createApp = (deps: ServerDeps): Express => {
  const app = express();
  app.disable("x-powered-by");
  // No reverse proxy is trusted by default: a forged X-Forwarded-For is ignored.
  app.set("trust proxy", false);
  app.use(securityHeaders({ frameOrigins: [deps.payment.origin], secure: deps.behindTls }));
  app.use(
    pinoHttp({
      logger: deps.logger,
      customLogLevel: (_req, res, error) => (error !== undefined || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info"),
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, path: req.url.split("?")[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => req.url === "/healthz" },
    }),
  );

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });

  app.use("/api", noStore, express.json({ limit: "128kb" }));
  app.use(residentRoutes(deps));
  app.use(staffRoutes(deps));
  app.use(auditRoutes(deps));
  if (deps.devInbox !== null) app.use(devInboxRoutes(deps.devInbox));
  if (deps.testCardRouter !== null) app.use("/test-card", noStore, express.json({ limit: "256kb" }), deps.testCardRouter);

  app.use("/api", (_req, res) => {
    res.status(404).json({ error: { code: "not_found", message: "見つかりません / Not found" } });
  });

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
