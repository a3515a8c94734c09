import { errAsync, okAsync, ResultAsync } from "neverthrow";
import {
  mergeAuthorizationState,
  type Application,
  type ApplicationStore,
  type Authorization,
  type MoneyDisagreement,
  type MoneyEvent,
  type PaymentEvent,
  type WebhookDelivery,
} from "@madoguchi/core";
import type { MoneyDeps } from "./application-money.ts";
import { bringBooksToGateway } from "./bring-books-to-gateway.ts";

/**
 * Where the gateway POSTs its signed events, on the resident listener (the one the internet reaches;
 * docs/adr/0027-payment-gateway-v2.md, "The webhook receiver").
 */
export const PAYMENT_WEBHOOK_PATH = "/api/payments/webhook";

/** What receiving a webhook needs (a subset of `ServerDeps`). */
export interface PaymentWebhookDeps extends MoneyDeps {
  readonly applications: ApplicationStore;
}

/** A verified delivery, handled: every one is acknowledged (2xx) so that the gateway stops sending it. */
export type WebhookOutcome =
  /** The books missed what the gateway did: these events were appended with a `payment.reconciled` entry. */
  | { readonly kind: "applied"; readonly applicationId: string; readonly authorizationId: string; readonly events: readonly MoneyEvent[] }
  /** The books already say it (a duplicate, a late or an older event): nothing written. */
  | { readonly kind: "up_to_date"; readonly applicationId: string; readonly authorizationId: string }
  /**
   * Nothing to apply: `not_read` — genuine, but not an authorisation change the adapter reads (Stripe's other
   * event types); `unknown_authorization` — no application's books hold it (an abandoned 3-D Secure attempt,
   * or an authorisation whose submission or difference payment is still being recorded: it records itself).
   */
  | { readonly kind: "ignored"; readonly reason: "not_read" | "unknown_authorization"; readonly authorizationId: string | null }
  /** The books and the gateway cannot both be right: nothing written; logged and recorded for staff (the money panel). */
  | { readonly kind: "disagreement"; readonly applicationId: string; readonly authorizationId: string; readonly disagreement: MoneyDisagreement };

/**
 * A delivery refused or not handled now. `refused` (4xx): a forged, changed or stale delivery
 * (`invalid_signature`), or a gateway that sends no webhooks (`unsupported`). `unavailable` (503): the
 * gateway could not be re-read or the books not written — the gateway sends it again later.
 */
export type WebhookFailure =
  | { readonly kind: "refused"; readonly reason: "invalid_signature" | "unsupported" }
  | { readonly kind: "unavailable"; readonly reason: "gateway" | "storage" | "busy" };

/** `auth-<submission key>-<digest>`: the submission's authorisation (core's `paymentIdempotencyKey`). */
const SUBMISSION_KEY = /^auth-(.+)-[0-9a-f]{16}$/;
/** `diff-<application id>-<records so far>-<digest>`: the difference payment's (difference-payment-routes). */
const DIFFERENCE_KEY = /^diff-(.+)-\d+-[0-9a-f]{16}$/;

/**
 * The application an authorisation was made for, from the idempotency key we gave it (the gateway keeps
 * it with the authorisation and reports it signed). The key only names a candidate: the caller then
 * requires the application's own books to hold the authorisation id.
 */
const candidateApplication = (deps: PaymentWebhookDeps, authorization: Authorization): ResultAsync<Application | null, WebhookFailure> => {
  const key = String(authorization.idempotencyKey);
  const difference = DIFFERENCE_KEY.exec(key)?.[1];
  const submission = SUBMISSION_KEY.exec(key)?.[1];
  const found =
    difference !== undefined
      ? deps.applications.findById(difference as Application["id"])
      : submission !== undefined
        ? deps.applications.findBySubmissionKey(submission)
        : okAsync(null);
  return found.mapErr((): WebhookFailure => ({ kind: "unavailable", reason: "storage" }));
};

/**
 * Receives one webhook delivery: verifies it (`gateway.verifyWebhook`: signature, 300 s window), **re-reads
 * the authorisation from the gateway**, finds the application whose books hold it (by the key the re-read
 * authorisation carries, else the event's), merges the two (neither can take money backwards) and appends what the books
 * miss (core's `missingMoneyEvents`) with its audit entry in one write. The event's content is only a
 * trigger: the books end at the gateway's state whatever the order of deliveries, and a delivery that
 * adds nothing is a duplicate — no event id needs to be stored (ADR 27).
 */
export const receivePaymentWebhook = (deps: PaymentWebhookDeps, delivery: WebhookDelivery): ResultAsync<WebhookOutcome, WebhookFailure> => {
  const now = deps.clock.now();
  const verified = deps.gateway.verifyWebhook(delivery, now);
  if (verified.isErr()) {
    switch (verified.error.reason) {
      case "invalid_request":
        // Signed by the gateway, so genuine; not an event we read. Answering an error would only make it resend.
        return okAsync({ kind: "ignored", reason: "not_read", authorizationId: null });
      case "unsupported":
        return errAsync({ kind: "refused", reason: "unsupported" });
      default:
        return errAsync({ kind: "refused", reason: "invalid_signature" });
    }
  }
  const event: PaymentEvent = verified.value;
  const id = event.authorization.id;
  const context = { via: "webhook" as const, eventId: event.id, eventType: event.type, at: event.createdAt.getTime() <= now.getTime() ? event.createdAt : now };
  // Re-read first: the gateway's current authorisation names the application even when the event's snapshot
  // carries no key of ours (Stripe: a charge refunded in its dashboard). A gateway that no longer finds it
  // (Stripe: a failed challenge) leaves the event's own signed snapshot.
  return deps.gateway
    .getAuthorization(id)
    .mapErr((): WebhookFailure => ({ kind: "unavailable", reason: "gateway" }))
    .andThen((found) => {
      const current = found === null || found.id !== id ? null : found;
      return candidateApplication(deps, current ?? event.authorization).map((a) => ({ a, current }));
    })
    .andThen(({ a, current }): ResultAsync<WebhookOutcome, WebhookFailure> => {
      if (a === null) return okAsync({ kind: "ignored", reason: "unknown_authorization", authorizationId: id });
      const report = current === null ? event.authorization : mergeAuthorizationState(event.authorization, current);
      return bringBooksToGateway(deps, a, report, context)
        .mapErr((reason): WebhookFailure => ({ kind: "unavailable", reason }))
        .map((r): WebhookOutcome => {
          if (r === null) return { kind: "ignored", reason: "unknown_authorization", authorizationId: id };
          switch (r.kind) {
            case "appended":
              return { kind: "applied", applicationId: a.id, authorizationId: id, events: r.events };
            case "up_to_date":
              return { kind: "up_to_date", applicationId: a.id, authorizationId: id };
            case "disagreement":
              return { kind: "disagreement", applicationId: a.id, authorizationId: id, disagreement: r.disagreement };
          }
        });
    });
};
