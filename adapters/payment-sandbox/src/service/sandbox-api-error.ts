/**
 * The error vocabulary of the sandbox's HTTP API: every error answer is `{ error: { code, message } }`
 * with one of these codes. Messages are fixed texts: they never echo what was sent (card data!).
 */

/** Error codes and the HTTP status each is sent with. */
export const API_ERRORS = {
  invalid_request: 400,
  idempotency_key_required: 400,
  invalid_number: 400,
  invalid_expiry: 400,
  invalid_cvc: 400,
  invalid_name: 400,
  unsupported_brand: 400,
  invalid_token: 400,
  token_already_used: 400,
  amount_exceeds_authorized: 400,
  amount_exceeds_captured: 400,
  invalid_state: 400,
  unauthorized: 401,
  card_declined: 402,
  insufficient_funds: 402,
  expired_card: 402,
  authentication_failed: 402,
  not_found: 404,
  unknown_endpoint: 404,
  idempotency_key_reused: 409,
  request_too_large: 413,
  processing_error: 500,
  service_unavailable: 503,
  internal_error: 500,
} as const;

/** An error code of the sandbox API. */
export type ApiErrorCode = keyof typeof API_ERRORS;

/** What a handler answers: an HTTP status and a JSON body. */
export interface ApiResponse {
  readonly status: number;
  readonly body: unknown;
}

/**
 * An error answer. `status` defaults to the code's usual status; tokenisation reports an expired card
 * as 400 (a form error) where authorisation reports it as 402 (a decline).
 */
export const apiError = (code: ApiErrorCode, message: string, status: number = API_ERRORS[code]): ApiResponse => ({
  status,
  body: { error: { code, message } },
});
