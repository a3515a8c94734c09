import type { PaymentError } from "@madoguchi/core";
import { Result as EffectResult, Schema } from "effect";
import { err, errAsync, ok, ResultAsync, type Result } from "neverthrow";
import { encodeForm, type FormValue } from "./form-encoding.ts";
import { paymentError } from "./payment-error.ts";

/** Where and how the adapter talks to Stripe. */
export interface StripeHttpConfig {
  /** `https://api.stripe.com/` in production; a loopback contract server in tests. Ends with `/`. */
  readonly base: URL;
  readonly secretKey: string;
  readonly timeoutMs: number;
  /** Pinned API version (`Stripe-Version`), so a dashboard upgrade cannot change the shapes we decode. */
  readonly apiVersion: string;
}

/** One call of Stripe's API. */
export interface StripeCall<T> {
  /** Port operation, e.g. `"payment-gateway.authorize"`. */
  readonly operation: string;
  readonly method: "GET" | "POST" | "DELETE";
  /** Path relative to the base, e.g. `v1/payment_intents`. GET parameters go in `params` too. */
  readonly path: string;
  readonly params?: Readonly<Record<string, FormValue>>;
  readonly idempotencyKey?: string;
  readonly response: Schema.ConstraintDecoder<T>;
  /**
   * Which 400 errors mean the card token is unusable (`invalid_token`) for this call: Stripe names the
   * offending parameter in `error.param`.
   */
  readonly tokenParam?: string;
}

/** Stripe's error body (API reference, "Errors"): `{ error: { type, code?, decline_code?, param?, message? } }`. */
const ErrorBody = Schema.Struct({
  error: Schema.Struct({
    type: Schema.String,
    code: Schema.optional(Schema.String),
    decline_code: Schema.optional(Schema.String),
    param: Schema.optional(Schema.String),
  }),
});
type StripeErrorFields = { readonly type: string; readonly code: string; readonly declineCode: string; readonly param: string };

/** Only short snake_case words from Stripe make it into our messages (never its message text: it may echo input). */
const word = (s: string | undefined): string => (s !== undefined && /^[a-z0-9_.[\]]{1,60}$/.test(s) ? s : "");

const errorFieldsOf = (body: unknown): StripeErrorFields | null => {
  const decoded = Schema.decodeUnknownResult(ErrorBody)(body);
  if (!EffectResult.isSuccess(decoded)) return null;
  const e = decoded.success.error;
  return { type: word(e.type), code: word(e.code), declineCode: word(e.decline_code), param: word(e.param) };
};

/**
 * Stripe's HTTP answers as port errors (API reference, "Errors": 400 invalid request, 401 bad key,
 * 402 card error, 404 missing resource, 409 idempotency conflict, 429 rate limit, 5xx Stripe's side).
 */
const errorFromAnswer = (call: StripeCall<unknown>, status: number, fields: StripeErrorFields | null): PaymentError => {
  const op = call.operation;
  const message = `Stripe answered ${status} ${fields?.type ?? "without an error body"}${fields?.code ? ` ${fields.code}` : ""}${fields?.declineCode ? ` (${fields.declineCode})` : ""}`;
  if (fields === null) {
    // Not Stripe speaking (a proxy, a wrong base URL): outage-like, and a retry with the same key is safe.
    return status === 404 || status === 401 ? paymentError(op, "unavailable", message, false) : paymentError(op, "unavailable", message);
  }
  if (fields.type === "card_error") {
    if (fields.code === "payment_intent_authentication_failure") return paymentError(op, "challenge_failed", message);
    if (fields.code === "expired_card") return paymentError(op, "expired_card", message);
    if (fields.declineCode === "insufficient_funds") return paymentError(op, "insufficient_funds", message);
    return paymentError(op, "declined", message);
  }
  if (fields.type === "idempotency_error") return paymentError(op, "invalid_request", `${message} (idempotency key reused with a different request)`);
  if (status === 401 || status === 403) return paymentError(op, "unavailable", `${message} (check the secret key)`, false);
  if (status === 404) return paymentError(op, "not_found", message);
  if (status === 429 || status >= 500 || fields.type === "api_error") return paymentError(op, "unavailable", message);
  if (call.tokenParam !== undefined && fields.param === call.tokenParam) return paymentError(op, "invalid_token", message);
  return paymentError(op, "invalid_request", message);
};

const errorFromException = (operation: string, error: unknown): PaymentError => {
  const name = error instanceof Error || error instanceof DOMException ? error.name : "";
  if (name === "TimeoutError" || name === "AbortError") {
    return paymentError(operation, "timeout", "Stripe did not answer in time; the outcome is unknown: look it up by idempotency key");
  }
  return paymentError(operation, "unavailable", "Stripe could not be reached");
};

/**
 * Calls Stripe: the one boundary of the adapter. Every exception of `fetch` and every non-2xx answer
 * becomes a `PaymentError` here. With `absentIsNull`, a 404 `resource_missing` is `Ok(null)`.
 * Nothing of the request or the answer is logged.
 */
export function callStripe<T>(config: StripeHttpConfig, call: StripeCall<T>, absentIsNull: true): ResultAsync<T | null, PaymentError>;
export function callStripe<T>(config: StripeHttpConfig, call: StripeCall<T>, absentIsNull?: false): ResultAsync<T, PaymentError>;
export function callStripe<T>(config: StripeHttpConfig, call: StripeCall<T>, absentIsNull = false): ResultAsync<T | null, PaymentError> {
  // Stripe: keys up to 255 characters. A key that cannot travel in a header would make fetch throw (read as an outage).
  if (call.idempotencyKey !== undefined && !/^[\x21-\x7e]{1,255}$/.test(call.idempotencyKey)) {
    return errAsync(paymentError(call.operation, "invalid_request", "the idempotency key must be 1-255 visible ASCII characters"));
  }
  const headers: Record<string, string> = { Authorization: `Bearer ${config.secretKey}`, Accept: "application/json", "Stripe-Version": config.apiVersion };
  if (call.idempotencyKey !== undefined) headers["Idempotency-Key"] = call.idempotencyKey;
  const form = call.params === undefined ? "" : encodeForm(call.params);
  const url = new URL(call.path, config.base);
  if (call.method === "GET" && form !== "") url.search = form;
  if (call.method !== "GET") headers["Content-Type"] = "application/x-www-form-urlencoded";
  const init: RequestInit = { method: call.method, headers, signal: AbortSignal.timeout(config.timeoutMs), redirect: "error", ...(call.method === "GET" ? {} : { body: form }) };
  const exchange = async () => {
    const response = await fetch(url, init);
    const text = await response.text();
    let body: unknown = null;
    try {
      body = text === "" ? null : JSON.parse(text);
    } catch {
      body = null;
    }
    return { status: response.status, body };
  };
  return ResultAsync.fromPromise(exchange(), (error) => errorFromException(call.operation, error)).andThen((answer): Result<T | null, PaymentError> => {
    if (answer.status >= 200 && answer.status < 300) {
      const decoded = Schema.decodeUnknownResult(call.response)(answer.body);
      return EffectResult.isSuccess(decoded) ? ok(decoded.success) : err(paymentError(call.operation, "unavailable", `Stripe answered ${answer.status} with a body we cannot read`, false));
    }
    const fields = errorFieldsOf(answer.body);
    if (absentIsNull && answer.status === 404 && fields?.code === "resource_missing") return ok(null);
    return err(errorFromAnswer(call as StripeCall<unknown>, answer.status, fields));
  });
}
