import type { Result, ResultAsync } from "neverthrow";
import type { AdapterMeta } from "../shared/adapter-meta.ts";
import type { IdempotencyKey } from "../shared/ids.ts";
import type { Yen } from "../shared/yen.ts";

/**
 * Contract id of {@link PaymentGateway}. Version 2 (ADR 0027) adds refunds, customers with saved cards,
 * EMV 3-D Secure challenges, verified webhooks and declared capabilities; an authorisation may now
 * answer `challenge_required`, which version 1 callers would not expect — hence the major bump.
 * Version 3 (ADR 0029) adds the required method `listSettlementRecords` (the gateway's own records of a
 * period, behind the `settlementRecords` capability): a version 2 adapter no longer type-checks, so the
 * major is bumped; {@link fromPaymentGatewayV2} wraps a version 2 adapter unchanged.
 */
export const PAYMENT_GATEWAY_CONTRACT = "payment-gateway@3" as const;

/**
 * Optional behaviour an adapter declares in `meta.capabilities`. Every method exists on every adapter;
 * a method whose capability is not declared answers `PaymentError` `unsupported` and changes nothing.
 * - `partialCapture`: capture less than the authorised amount (else only the full amount).
 * - `refund`: refund a capture in full; `partialRefund`: also in parts, several times, up to the capture.
 * - `cardOnFile`: customers and saved cards (ensure/find customer, save, update, delete, charge a saved card).
 * - `threeDSecure`: authorisations may answer `challenge_required`; `completeChallenge` finishes them.
 * - `webhooks`: the gateway sends signed events that `verifyWebhook` checks.
 * - `settlementRecords`: `listSettlementRecords` reads the gateway's own captures and refunds of a period.
 */
export type PaymentCapability = "partialCapture" | "refund" | "partialRefund" | "cardOnFile" | "threeDSecure" | "webhooks" | "settlementRecords";

/** Every capability, in a stable order (documentation, conformance). */
export const PAYMENT_CAPABILITIES: readonly PaymentCapability[] = ["partialCapture", "refund", "partialRefund", "cardOnFile", "threeDSecure", "webhooks", "settlementRecords"];

/** Card brands a gateway may report. */
export type CardBrand = "visa" | "mastercard" | "jcb" | "amex" | "diners";

/** Every card brand of the port, in a stable order (configuration, documentation). */
export const PAYMENT_CARD_BRANDS: readonly CardBrand[] = ["visa", "mastercard", "jcb", "amex", "diners"];

/** Where the resident must go to pass an EMV 3-D Secure challenge (an issuer page on the gateway's origin). */
export interface ThreeDSecureChallenge {
  /** Absolute URL of the challenge page; open it in an iframe or a new window, never on our origin. */
  readonly url: string;
}

/**
 * An authorisation as the gateway reports it. Gateway ids and display data only: no card number.
 * `challenge_required`: nothing is authorised yet; the resident passes the challenge at `challenge.url`,
 * then the caller calls `completeChallenge`. Invariant: amount ≥ capturedAmount ≥ refundedAmount.
 */
export interface Authorization {
  readonly id: string;
  readonly amount: Yen;
  readonly capturedAmount: Yen;
  /** Total refunded so far (0 until a refund); never above `capturedAmount`. */
  readonly refundedAmount: Yen;
  readonly status: "challenge_required" | "authorized" | "captured" | "voided";
  readonly brand: CardBrand;
  readonly last4: string;
  readonly idempotencyKey: IdempotencyKey;
  /** Present exactly when `status` is `challenge_required`. */
  readonly challenge: ThreeDSecureChallenge | null;
}

/**
 * Why a gateway call failed. `timeout` means the outcome is unknown: reconcile by lookup, never by
 * charging with a new key. `unsupported`: the adapter does not declare the capability the call needs.
 * `challenge_failed`: the resident did not pass the 3-D Secure challenge (nothing is authorised).
 */
export interface PaymentError {
  readonly _tag: "PaymentError";
  readonly reason:
    | "declined"
    | "insufficient_funds"
    | "expired_card"
    | "invalid_token"
    | "challenge_failed"
    | "invalid_request"
    | "not_found"
    | "unsupported"
    | "invalid_signature"
    | "timeout"
    | "unavailable";
  readonly operation: string;
  readonly retryable: boolean;
  readonly message: string;
}

/** What pays: a single-use token from the gateway's hosted fields, or a card the customer saved. */
export type PaymentSource =
  | { readonly kind: "token"; readonly token: string }
  /** Needs `cardOnFile`. The caller must have checked that the customer is the paying resident's own. */
  | { readonly kind: "saved_card"; readonly customerId: string; readonly cardId: string };

export interface AuthorizeRequest {
  /** The server never sees the card: a hosted-fields token or a saved card's gateway id. */
  readonly source: PaymentSource;
  readonly amount: Yen;
  /** Created before the first try and reused on every retry. */
  readonly idempotencyKey: IdempotencyKey;
  /** Shown on the statement; no personal data. */
  readonly description: string;
}

/** A card saved at the gateway: its gateway id and display data only (SECURITY.md: card on file). */
export interface SavedCard {
  readonly id: string;
  readonly customerId: string;
  readonly brand: CardBrand;
  readonly last4: string;
  readonly expMonth: number;
  readonly expYear: number;
}

/** A gateway customer, named by our own opaque reference (a resident account id — never a name or address). */
export interface PaymentCustomer {
  readonly id: string;
  readonly reference: string;
  readonly cards: readonly SavedCard[];
}

/** What a webhook event says happened. Receivers re-read the authorisation: events may arrive late or twice. */
export type PaymentEventType =
  | "authorization.authorized"
  | "authorization.challenge_failed"
  | "authorization.captured"
  | "authorization.voided"
  | "authorization.refunded";

/** A verified webhook event. Idempotent by `id`; `authorization` is the state when the event was made. */
export interface PaymentEvent {
  readonly id: string;
  readonly type: PaymentEventType;
  readonly createdAt: Date;
  readonly authorization: Authorization;
}

/** A webhook delivery as received: the raw body (bytes as text, unparsed) and the request headers (lower-case names). */
export interface WebhookDelivery {
  readonly rawBody: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
}

/**
 * One movement of money in the gateway's own books (ADR 0029): a capture, or one (partial) refund, of one
 * authorisation, at the time the gateway booked it. What the payment agent's statement is made of; the
 * settlement report matches our books against these. Gateway ids and display data only.
 */
export interface SettlementRecord {
  /** The gateway's id of the movement itself (a balance transaction, a refund), unique per gateway. */
  readonly id: string;
  /** The authorisation it moved money of (`Authorization.id`). */
  readonly authorizationId: string;
  readonly kind: "capture" | "refund";
  /** Positive yen: captured, or refunded by this refund. */
  readonly amount: Yen;
  /** When the gateway booked it. */
  readonly at: Date;
  /** The card's brand, `null` when the gateway cannot tell (a charge madoguchi did not make). */
  readonly brand: CardBrand | null;
  /** The authorisation's idempotency key when the gateway keeps it (it names our application), else `null`. */
  readonly idempotencyKey: IdempotencyKey | null;
}

/** A period of the gateway's books: every movement booked at `from` ≤ t < `to`. */
export interface SettlementPeriod {
  readonly from: Date;
  readonly to: Date;
}

/**
 * Port: a card payment gateway. Every call that moves money carries an idempotency key created before
 * the first try; the same key with the same request answers the first result and never moves money twice;
 * the same key with a different request is `invalid_request`.
 */
export interface PaymentGateway {
  readonly meta: AdapterMeta<PaymentCapability>;
  /** Authorises `amount`, or answers `challenge_required` (3-D Secure) with the challenge URL. */
  authorize(request: AuthorizeRequest): ResultAsync<Authorization, PaymentError>;
  /**
   * After the resident's challenge: `authorized`, `challenge_failed`, or still `challenge_required` when
   * the resident has not finished. Calling it again answers the same.
   */
  completeChallenge(authorizationId: string, idempotencyKey: IdempotencyKey): ResultAsync<Authorization, PaymentError>;
  /** Captures `amount` ≤ authorised (once; a partial capture releases the rest). */
  capture(authorizationId: string, amount: Yen, idempotencyKey: IdempotencyKey): ResultAsync<Authorization, PaymentError>;
  void(authorizationId: string, idempotencyKey: IdempotencyKey): ResultAsync<Authorization, PaymentError>;
  /** Refunds `amount` of a capture; refunds add up to at most the captured amount. */
  refund(authorizationId: string, amount: Yen, idempotencyKey: IdempotencyKey): ResultAsync<Authorization, PaymentError>;
  /** Looks up the authorisation made with this key (reconciliation after a timeout); absent is `null`. */
  findByIdempotencyKey(idempotencyKey: IdempotencyKey): ResultAsync<Authorization | null, PaymentError>;
  /** The authorisation's current state (webhook receivers re-read it); absent is `null`. */
  getAuthorization(authorizationId: string): ResultAsync<Authorization | null, PaymentError>;
  /** The customer for our `reference`, created on first use (idempotent by reference). */
  ensureCustomer(reference: string): ResultAsync<PaymentCustomer, PaymentError>;
  /** The customer for our `reference` with its saved cards; absent is `null`. */
  findCustomer(reference: string): ResultAsync<PaymentCustomer | null, PaymentError>;
  /** Saves the card behind a hosted-fields token for the customer. */
  saveCard(customerId: string, token: string, idempotencyKey: IdempotencyKey): ResultAsync<SavedCard, PaymentError>;
  /** Replaces a saved card's card (a new token from the hosted fields), keeping its id. */
  updateSavedCard(customerId: string, cardId: string, token: string, idempotencyKey: IdempotencyKey): ResultAsync<SavedCard, PaymentError>;
  /** Deletes a saved card; it can no longer be charged. An unknown card (or another customer's) is `not_found`. */
  deleteSavedCard(customerId: string, cardId: string): ResultAsync<void, PaymentError>;
  /** Checks a webhook's signature and freshness (`now`) and parses it; a bad one is `invalid_signature`. */
  verifyWebhook(delivery: WebhookDelivery, now: Date): Result<PaymentEvent, PaymentError>;
  /**
   * Needs `settlementRecords`. Every capture and refund the gateway booked in `period`, each once, oldest
   * first, following the gateway's pages to the end; none is `[]`.
   */
  listSettlementRecords(period: SettlementPeriod): ResultAsync<readonly SettlementRecord[], PaymentError>;
  healthCheck(): ResultAsync<void, PaymentError>;
}
