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
import { renderChallengeDonePage, renderChallengePage, renderChallengeRefusal, CHALLENGE_PASS_CODE } from "./challenge.page.ts";
import { createCustomerBook } from "./customer-book.ts";
import {
  AmountBody,
  AuthorizeRequestBody,
  CardTokenBody,
  ChallengeAnswerBody,
  CustomerRequestBody,
  decode,
  SettlementQuery,
  isIdempotencyKey,
  TokenRequest,
} from "./request-schemas.ts";
import { createWebhookSender } from "./webhook-sender.ts";
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
  /** The sandbox's public base URL (ending with `/`), known once it listens: challenge URLs start with it. */
  readonly publicUrl: () => string;
  /** Where to send signed webhook events; none are sent without it. */
  readonly webhook?: { readonly url: string; readonly secret: string };
}

const HOSTED_FIELDS_JS = readFileSync(new URL("./public/hosted-fields.js", import.meta.url), "utf8");
const HOSTED_FIELDS_CSS = readFileSync(new URL("./public/hosted-fields.css", import.meta.url), "utf8");
const CHALLENGE_JS = readFileSync(new URL("./public/challenge.js", import.meta.url), "utf8");

/**
 * The sandbox gateway as an Express app: hosted fields for the browser, `/v1/tokens` for the hosted
 * fields, and the server-to-server API behind the secret key. State lives in memory, per app.
 */
export const createSandboxApp = (settings: SandboxAppSettings): express.Express => {
  const vault = createCardVault(settings.acceptedBrands);
  const customers = createCustomerBook(vault);
  const emit = settings.webhook === undefined ? undefined : createWebhookSender({ ...settings.webhook, now: settings.now, defer: settings.defer });
  const ledger = createAuthorizationLedger(vault, customers, emit);
  /** The body as sent: an authorisation's `challengePath` becomes an absolute `challenge.url`. */
  const presentBody = (body: unknown): unknown => {
    if (typeof body !== "object" || body === null || !("challengePath" in body)) return body;
    const { challengePath, ...rest } = body as { challengePath: unknown };
    return { ...rest, challenge: typeof challengePath === "string" ? { url: new URL(challengePath, settings.publicUrl()).href } : null };
  };

  const send = (res: Response, answer: ApiResponse): void => {
    res.status(answer.status).json(presentBody(answer.body));
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
    res.send(renderHostedFieldsPage(lang, origin, settings.acceptedBrands));
  });
  app.get("/hosted-fields.js", (_req, res) => {
    res.type("text/javascript").send(HOSTED_FIELDS_JS);
  });
  app.get("/hosted-fields.css", (_req, res) => {
    res.type("text/css").send(HOSTED_FIELDS_CSS);
  });

  const json = express.json({ limit: "8kb" });
  const form = express.urlencoded({ extended: false, limit: "2kb" });

  const challengeCsp = (origin: string) =>
    ["default-src 'none'", "script-src 'self'", "style-src 'self'", "form-action 'self'", "base-uri 'none'", `frame-ancestors ${origin}`].join("; ");

  app.get("/challenge.js", (_req, res) => {
    res.type("text/javascript").send(CHALLENGE_JS);
  });
  // The issuer's EMV 3-D Secure challenge, opened by the resident's browser in a frame of our page.
  app.get("/3ds/challenge/:id", (req, res) => {
    const lang: HostedFieldsLang = req.query["lang"] === "en" ? "en" : "ja";
    const origin = req.query["origin"];
    res.type("html");
    // Framed by the resident portal (another origin), as the hosted fields are.
    res.set("Cross-Origin-Resource-Policy", "cross-origin");
    if (typeof origin !== "string" || !allowedOrigins.has(origin)) return void res.status(400).send(renderChallengeRefusal(lang));
    res.set("Content-Security-Policy", challengeCsp(origin));
    res.send(renderChallengePage(lang, origin));
  });
  app.post("/3ds/challenge/:id", form, (req, res) => {
    const body = decode(ChallengeAnswerBody, req.body);
    const lang: HostedFieldsLang = body.ok && body.value.lang === "en" ? "en" : "ja";
    res.type("html");
    res.set("Cross-Origin-Resource-Policy", "cross-origin");
    if (!body.ok || !allowedOrigins.has(body.value.origin)) return void res.status(400).send(renderChallengeRefusal(lang));
    const answer = ledger.answerChallenge(req.params["id"] ?? "", body.value.code === CHALLENGE_PASS_CODE);
    if (answer.status !== 200) return void res.status(404).send(renderChallengeRefusal(lang));
    res.set("Content-Security-Policy", challengeCsp(body.value.origin));
    res.send(renderChallengeDonePage(lang, body.value.origin, (answer.body as { passed: boolean }).passed));
  });

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

  // The sandbox's own books of a period (ADR 0029): captures and refunds booked at from ≤ t < to, in
  // pages of `limit` (≤ 100) after the `starting_after` movement id; `has_more` says whether to go on.
  api.get("/settlement-records", (req, res) => {
    const query = decode(SettlementQuery, req.query);
    if (!query.ok) return send(res, apiError("invalid_request", query.message));
    const from = new Date(query.value.from);
    const to = new Date(query.value.to);
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || to < from) return send(res, apiError("invalid_request", "from and to must be ISO instants, from ≤ to"));
    const all = ledger.movements(from, to);
    const after = query.value.starting_after === undefined ? 0 : all.findIndex((m) => m.id === query.value.starting_after) + 1;
    if (query.value.starting_after !== undefined && after === 0) return send(res, apiError("invalid_request", "starting_after names no movement of this period"));
    const limit = query.value.limit === undefined ? 100 : Number(query.value.limit);
    const data = all.slice(after, after + limit);
    send(res, { status: 200, body: { data, has_more: after + limit < all.length } });
  });

  api.get("/authorizations/:id", (req, res) => {
    send(res, ledger.get(req.params["id"] ?? ""));
  });

  api.post("/authorizations/:id/complete-challenge", (req, res) => {
    send(res, ledger.completeChallenge(req.params["id"] ?? ""));
  });

  api.post("/authorizations/:id/refund", json, (req, res) => {
    const key = idempotencyKeyOf(req, res);
    if (key === undefined) return;
    const body = decode(AmountBody, req.body);
    if (!body.ok) return send(res, apiError("invalid_request", body.message));
    sendIdempotent(res, ledger.refund(key, req.params["id"] ?? "", body.value.amount, settings.now()));
  });

  api.post("/customers", json, (req, res) => {
    const body = decode(CustomerRequestBody, req.body);
    if (!body.ok) return send(res, apiError("invalid_request", body.message));
    send(res, customers.ensure(body.value.reference));
  });

  api.get("/customers", (req, res) => {
    const reference = req.query["reference"];
    if (typeof reference !== "string" || reference.length === 0) return send(res, apiError("invalid_request", "the reference query parameter is required"));
    send(res, customers.find(reference));
  });

  api.post("/customers/:id/cards", json, (req, res) => {
    const key = idempotencyKeyOf(req, res);
    if (key === undefined) return;
    const body = decode(CardTokenBody, req.body);
    if (!body.ok) return send(res, apiError("invalid_request", body.message));
    sendIdempotent(res, customers.save(key, req.params["id"] ?? "", body.value.token));
  });

  api.post("/customers/:id/cards/:cardId", json, (req, res) => {
    const key = idempotencyKeyOf(req, res);
    if (key === undefined) return;
    const body = decode(CardTokenBody, req.body);
    if (!body.ok) return send(res, apiError("invalid_request", body.message));
    sendIdempotent(res, customers.update(key, req.params["id"] ?? "", req.params["cardId"] ?? "", body.value.token));
  });

  api.delete("/customers/:id/cards/:cardId", (req, res) => {
    send(res, customers.delete(req.params["id"] ?? "", req.params["cardId"] ?? ""));
  });

  api.post("/authorizations/:id/capture", json, (req, res) => {
    const key = idempotencyKeyOf(req, res);
    if (key === undefined) return;
    const body = decode(AmountBody, req.body);
    if (!body.ok) return send(res, apiError("invalid_request", body.message));
    sendIdempotent(res, ledger.capture(key, req.params["id"] ?? "", body.value.amount, settings.now()));
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
