import type { ResultAsync } from "neverthrow";
import type { AdapterMeta } from "../shared/adapter-meta.ts";
import type { IdempotencyKey } from "../shared/ids.ts";
import type { Yen } from "../shared/yen.ts";

/** Contract id of {@link PaymentGateway}. */
export const PAYMENT_GATEWAY_CONTRACT = "payment-gateway@1" as const;

/** An authorisation as the gateway reports it. Gateway ids and display data only: no card number. */
export interface Authorization {
  readonly id: string;
  readonly amount: Yen;
  readonly capturedAmount: Yen;
  readonly status: "authorized" | "captured" | "voided";
  readonly brand: "visa" | "mastercard" | "jcb" | "amex" | "diners";
  readonly last4: string;
  readonly idempotencyKey: IdempotencyKey;
}

/** Why a gateway call failed. `timeout` means the outcome is unknown: reconcile by lookup. */
export interface PaymentError {
  readonly _tag: "PaymentError";
  readonly reason:
    | "declined"
    | "insufficient_funds"
    | "expired_card"
    | "invalid_token"
    | "invalid_request"
    | "not_found"
    | "timeout"
    | "unavailable";
  readonly operation: string;
  readonly retryable: boolean;
  readonly message: string;
}

export interface AuthorizeRequest {
  /** Single-use card token from the gateway's hosted fields; the server never sees the card. */
  readonly token: string;
  readonly amount: Yen;
  /** Created before the first try and reused on every retry. */
  readonly idempotencyKey: IdempotencyKey;
  /** Shown on the statement; no personal data. */
  readonly description: string;
}

/** Port: a card payment gateway. */
export interface PaymentGateway {
  readonly meta: AdapterMeta;
  /** Authorises `amount`; the same idempotency key returns the first result and never charges twice. */
  authorize(request: AuthorizeRequest): ResultAsync<Authorization, PaymentError>;
  capture(authorizationId: string, amount: Yen, idempotencyKey: IdempotencyKey): ResultAsync<Authorization, PaymentError>;
  void(authorizationId: string, idempotencyKey: IdempotencyKey): ResultAsync<Authorization, PaymentError>;
  /** Looks up the authorisation made with this key (reconciliation after a timeout); absent is `null`. */
  findByIdempotencyKey(idempotencyKey: IdempotencyKey): ResultAsync<Authorization | null, PaymentError>;
  healthCheck(): ResultAsync<void, PaymentError>;
}
