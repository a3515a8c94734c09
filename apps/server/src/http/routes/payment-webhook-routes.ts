import express, { Router } from "express";
import { assertNever } from "@madoguchi/core";
import { recordDisagreement } from "../../payments/payment-disagreements.ts";
import { PAYMENT_WEBHOOK_PATH, receivePaymentWebhook, type WebhookFailure } from "../../payments/payment-webhook.ts";
import { noStore } from "../security-headers.ts";
import type { ServerDeps } from "../server-deps.ts";

/** Gateways' events are a few kB (Stripe's charge objects the largest); anything bigger is refused unread. */
const WEBHOOK_BODY_LIMIT = "256kb";

const failureAnswer = (f: WebhookFailure): { status: number; code: string; message: string } => {
  switch (f.kind) {
    case "refused":
      return f.reason === "invalid_signature"
        ? { status: 400, code: "payment.webhook_invalid_signature", message: "署名が正しくないか、期限切れです / The signature is missing, wrong or stale" }
        : { status: 404, code: "payment.webhooks_not_configured", message: "見つかりません / Not found" };
    case "unavailable":
      return { status: 503, code: `payment.webhook_${f.reason === "gateway" ? "gateway_unavailable" : f.reason === "busy" ? "busy" : "storage_unavailable"}`, message: "しばらくしてから再送してください / Retry later" };
    default:
      return assertNever(f);
  }
};

/**
 * `POST /api/payments/webhook` on the resident listener: the gateway's signed events (ADR 27, "The webhook
 * receiver"). No session and no CSRF token — the gateway is not a browser; the signature over the **raw
 * body** is the authentication, so the body is read here as bytes before any JSON parser sees it (this
 * router is mounted before `express.json`). Answers: 200 for every verified delivery (applied, already
 * known, or ignored); 400 for a missing, wrong or stale signature (nothing read, nothing changed); 503
 * when the gateway or the books cannot be reached (the gateway sends it again). The body is never logged.
 */
export const paymentWebhookRoutes = (deps: ServerDeps): Router => {
  const router = Router();
  router.post(PAYMENT_WEBHOOK_PATH, noStore, express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT }), async (req, res) => {
    const rawBody = Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "";
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(req.headers)) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(",") : value;
    const received = await receivePaymentWebhook(deps, { rawBody, headers });
    if (received.isErr()) {
      const answer = failureAnswer(received.error);
      req.log.warn({ event: "payment.webhook_refused", code: answer.code }, "payment webhook");
      if (answer.status === 503) res.set("Retry-After", "30");
      res.status(answer.status).json({ error: { code: answer.code, message: answer.message } });
      return;
    }
    const outcome = received.value;
    switch (outcome.kind) {
      case "applied":
        req.log.info({ event: "payment.webhook_applied", target: outcome.applicationId, authorizationId: outcome.authorizationId, appended: outcome.events.map((e) => e.kind) }, "payment webhook");
        break;
      case "up_to_date":
        req.log.info({ event: "payment.webhook_up_to_date", target: outcome.applicationId, authorizationId: outcome.authorizationId }, "payment webhook");
        break;
      case "ignored":
        req.log.info({ event: "payment.webhook_ignored", reason: outcome.reason, authorizationId: outcome.authorizationId }, "payment webhook");
        break;
      case "disagreement":
        // Retrying cannot settle it: acknowledged, logged, and recorded for staff (the money panel shows it).
        await recordDisagreement({ auditLog: deps.auditLog, clock: deps.clock, logger: req.log }, outcome.applicationId, outcome.disagreement, "webhook");
        break;
      default:
        assertNever(outcome);
    }
    res.status(200).json({ received: true, result: outcome.kind });
  });
  return router;
};
