import { randomBytes } from "node:crypto";
import { signWebhook, SIGNATURE_HEADER } from "../webhooks/webhook-signature.ts";
import type { AuthorizationRecord, LedgerEventType } from "./authorization-ledger.ts";

/** Where and how the sandbox delivers webhook events. */
export interface WebhookSenderSettings {
  readonly url: string;
  readonly secret: string;
  readonly now: () => Date;
  readonly defer: (fn: () => void, ms: number) => void;
  /** Attempts per event before giving up (receivers must also reconcile by lookup). */
  readonly maxAttempts?: number;
}

/**
 * Sends each event as its own signed POST, retrying with backoff until a 2xx. Deliveries are
 * independent, so they may arrive out of order, and a retry after a lost answer arrives twice: the
 * receiver deduplicates by event id and must not depend on order (ADR 0027).
 */
export const createWebhookSender = (settings: WebhookSenderSettings) => {
  const maxAttempts = settings.maxAttempts ?? 6;
  const deliver = (rawBody: string, attempt: number): void => {
    const timestamp = Math.floor(settings.now().getTime() / 1000);
    fetch(settings.url, {
      method: "POST",
      headers: { "Content-Type": "application/json", [SIGNATURE_HEADER]: signWebhook(settings.secret, timestamp, rawBody) },
      body: rawBody,
      signal: AbortSignal.timeout(5000),
      redirect: "error",
    })
      .then((response) => {
        if (!response.ok) throw new Error(`status ${response.status}`);
        return response.body?.cancel();
      })
      .catch(() => {
        if (attempt + 1 < maxAttempts) settings.defer(() => deliver(rawBody, attempt + 1), 200 * 2 ** attempt);
      });
  };
  return (type: LedgerEventType, record: AuthorizationRecord): void => {
    const event = { id: `evt_${randomBytes(12).toString("base64url")}`, type, createdAt: settings.now().toISOString(), data: { authorization: { ...record } } };
    deliver(JSON.stringify(event), 0);
  };
};
