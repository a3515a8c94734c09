import { readFileSync } from "node:fs";
import express, { type ErrorRequestHandler, type Request, type Response } from "express";
import helmet from "helmet";
import type { CardBrand } from "../cards/card-brand.ts";
import { createAuthorizationLedger } from "./authorization-ledger.ts";
import { requireSecretKey } from "./bearer-auth.ts";
import { createCardVault } from "./card-vault.ts";
import type { HostedFieldsLang } from "./hosted-fields.labels.ts";
import { renderHostedFieldsPage, renderRefusalPage } from "./hosted-fields.page.ts";
import type { IdempotentAnswer } from "./idempotency-store.ts";
import { AuthorizeRequestBody, CaptureRequestBody, decode, isIdempotencyKey, TokenRequest } from "./request-schemas.ts";
import { apiError, type ApiResponse } from "./sandbox-api-error.ts";

/** What the app needs besides its validated options. */
export interface SandboxAppSettings {
  readonly secretKey: string;
  readonly allowedParentOrigins: readonly string[];
  readonly acceptedBrands: readonly CardBrand[];
  readonly slowResponseDelayMs: number;
  /** Runs `fn` after `ms`; the service tracks these so `close()` can cancel pending slow answers. */
  readonly defer: (fn: () => void, ms: number) => void;
  readonly now: () => Date;
}

const HOSTED_FIELDS_JS = readFileSync(new URL("./public/hosted-fields.js", import.meta.url), "utf8");
const HOSTED_FIELDS_CSS = readFileSync(new URL("./public/hosted-fields.css", import.meta.url), "utf8");

const send = (res: Response, answer: ApiResponse): void => {
  res.status(answer.status).json(answer.body);
};

const sendIdempotent = (res: Response, answer: IdempotentAnswer): void => {
  if (answer.replayed) res.set("Idempotent-Replayed", "true");
  send(res, answer.response);
};

const idempotencyKeyOf = (req: Request, res: Response): string | undefined => {
  const key = req.get("idempotency-key");
  if (isIdempotencyKey(key)) return key;
  send(res, apiError("idempotency_key_required", "an Idempotency-Key header (1-255 visible ASCII characters) is required"));
  return undefined;
};

/**
 * The sandbox gateway as an Express app: hosted fields for the browser, `/v1/tokens` for the hosted
 * fields, and the server-to-server API behind the secret key. State lives in memory, per app.
 */
export const createSandboxApp = (settings: SandboxAppSettings): express.Express => {
  const vault = createCardVault(settings.acceptedBrands);
  const ledger = createAuthorizationLedger(vault);
  const allowedOrigins = new Set(settings.allowedParentOrigins);
  const frameAncestors = settings.allowedParentOrigins.join(" ");
  const hostedFieldsCsp = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    "img-src 'self'",
    "form-action 'none'",
    "base-uri 'none'",
    `frame-ancestors ${frameAncestors}`,
  ].join("; ");

  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { defaultSrc: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"], frameAncestors: ["'none'"] },
      },
      // X-Frame-Options cannot name several origins; framing is governed by CSP frame-ancestors.
      xFrameOptions: false,
    }),
  );
  app.use((_req, res, next) => {
    res.set("Cache-Control", "no-store");
    next();
  });

  app.get("/hosted-fields.html", (req, res) => {
    const lang: HostedFieldsLang = req.query["lang"] === "en" ? "en" : "ja";
    const origin = req.query["origin"];
    res.set("Content-Security-Policy", hostedFieldsCsp);
    // The page is meant to be framed by another origin (the resident portal).
    res.set("Cross-Origin-Resource-Policy", "cross-origin");
    res.type("html");
    if (typeof origin !== "string" || !allowedOrigins.has(origin)) {
      res.status(400).send(renderRefusalPage(lang));
      return;
    }
    res.send(renderHostedFieldsPage(lang, origin));
  });
  app.get("/hosted-fields.js", (_req, res) => {
    res.type("text/javascript").send(HOSTED_FIELDS_JS);
  });
  app.get("/hosted-fields.css", (_req, res) => {
    res.type("text/css").send(HOSTED_FIELDS_CSS);
  });

  const json = express.json({ limit: "8kb" });

  app.post("/v1/tokens", json, (req, res) => {
    const body = decode(TokenRequest, req.body);
    // Never echo the schema message here: the body is a card.
    if (!body.ok) return send(res, apiError("invalid_request", "the body must be { number, expMonth, expYear, cvc, name }"));
    send(res, vault.tokenize(body.value, settings.now()));
  });

  const api = express.Router();
  api.use(requireSecretKey(settings.secretKey));

  api.get("/health", (_req, res) => {
    res.json({ status: "ok" });
  });

  api.post("/authorizations", json, (req, res) => {
    const key = idempotencyKeyOf(req, res);
    if (key === undefined) return;
    const body = decode(AuthorizeRequestBody, req.body);
    if (!body.ok) return send(res, apiError("invalid_request", body.message));
    const answer = ledger.authorize(key, body.value, settings.now());
    if (answer.slow && !answer.replayed) {
      settings.defer(() => sendIdempotent(res, answer), settings.slowResponseDelayMs);
      return;
    }
    sendIdempotent(res, answer);
  });

  api.get("/authorizations", (req, res) => {
    const key = req.query["idempotency_key"];
    if (typeof key !== "string" || !isIdempotencyKey(key)) {
      return send(res, apiError("invalid_request", "the idempotency_key query parameter is required"));
    }
    send(res, ledger.findByIdempotencyKey(key));
  });

  api.post("/authorizations/:id/capture", json, (req, res) => {
    const key = idempotencyKeyOf(req, res);
    if (key === undefined) return;
    const body = decode(CaptureRequestBody, req.body);
    if (!body.ok) return send(res, apiError("invalid_request", body.message));
    sendIdempotent(res, ledger.capture(key, req.params["id"] ?? "", body.value.amount));
  });

  api.post("/authorizations/:id/void", (req, res) => {
    const key = idempotencyKeyOf(req, res);
    if (key === undefined) return;
    sendIdempotent(res, ledger.void(key, req.params["id"] ?? ""));
  });

  app.use("/v1", api);

  app.use((_req, res) => send(res, apiError("unknown_endpoint", "no such endpoint")));

  // The one place where thrown errors (bad JSON, oversized bodies) become answers. Their messages can
  // quote the body, which may be a card: answer with fixed texts and log nothing.
  const onError: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
    const type = typeof error === "object" && error !== null && "type" in error ? error.type : undefined;
    if (type === "entity.too.large") return send(res, apiError("request_too_large", "the request body is too large"));
    if (type === "entity.parse.failed" || type === "encoding.unsupported" || type === "charset.unsupported") {
      return send(res, apiError("invalid_request", "the request body is not valid JSON"));
    }
    send(res, apiError("internal_error", "the sandbox failed unexpectedly"));
  };
  app.use(onError);

  return app;
};
