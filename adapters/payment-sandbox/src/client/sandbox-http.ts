import type { PaymentError } from "@madoguchi/core";
import { Result as EffectResult, Schema } from "effect";
import { err, errAsync, ok, ResultAsync, type Result } from "neverthrow";
import { paymentError } from "./payment-error.ts";

/** Where and how the client talks to the sandbox. */
export interface SandboxHttpConfig {
  /** Base URL ending with `/`, so relative paths resolve under it. */
  readonly base: URL;
  readonly secretKey: string;
  readonly timeoutMs: number;
}

/** One call of the sandbox's server-to-server API. */
export interface SandboxCall<T> {
  /** Port operation, e.g. `"payment-gateway.authorize"`. */
  readonly operation: string;
  readonly method: "GET" | "POST" | "DELETE";
  /** Path relative to the base URL, e.g. `v1/authorizations`. */
  readonly path: string;
  readonly body?: unknown;
  readonly idempotencyKey?: string;
  /** Schema of a successful answer's body. */
  readonly response: Schema.ConstraintDecoder<T>;
}

const ErrorBody = Schema.Struct({ error: Schema.Struct({ code: Schema.String }) });

/** The gateway's error code when it is one of ours (a short snake_case word), else `unknown`. */
const errorCodeOf = (body: unknown): string => {
  const decoded = Schema.decodeUnknownResult(ErrorBody)(body);
  return EffectResult.isSuccess(decoded) && /^[a-z_]{1,40}$/.test(decoded.success.error.code) ? decoded.success.error.code : "unknown";
};

/**
 * The HTTP answers of the sandbox as port errors. Messages carry the status and the gateway's code
 * only — never the gateway's message text or anything the caller sent.
 */
const errorFromAnswer = (operation: string, status: number, code: string): PaymentError => {
  const message = `the payment gateway answered ${status} ${code}`;
  if (status === 402) {
    if (code === "insufficient_funds") return paymentError(operation, "insufficient_funds", message);
    if (code === "expired_card") return paymentError(operation, "expired_card", message);
    if (code === "authentication_failed") return paymentError(operation, "challenge_failed", message);
    return paymentError(operation, "declined", message);
  }
  if (status === 400) {
    return paymentError(operation, code === "invalid_token" || code === "token_already_used" ? "invalid_token" : "invalid_request", message);
  }
  // 404 without `not_found` is a wrong base URL, not a missing authorisation.
  if (status === 404) return code === "not_found" ? paymentError(operation, "not_found", message) : paymentError(operation, "unavailable", message, false);
  if (status === 401 || status === 403) return paymentError(operation, "unavailable", `${message} (check the secret key)`, false);
  if (status === 409) return paymentError(operation, "invalid_request", `${message} (idempotency key reused with a different request)`);
  if (status >= 500) return paymentError(operation, "unavailable", message);
  return paymentError(operation, "invalid_request", message);
};

/** A thrown fetch or body-read failure as a port error: our own timeout means the outcome is unknown. */
const errorFromException = (operation: string, error: unknown): PaymentError => {
  const name = error instanceof Error || error instanceof DOMException ? error.name : "";
  if (name === "TimeoutError" || name === "AbortError") {
    return paymentError(operation, "timeout", "the payment gateway did not answer in time; the outcome is unknown: look it up by idempotency key");
  }
  return paymentError(operation, "unavailable", "the payment gateway could not be reached");
};

type Answer = { readonly status: number; readonly body: unknown };

/**
 * Calls the sandbox. The one boundary of the client: every exception of `fetch` and every non-2xx
 * answer becomes a `PaymentError` here. A 404 `not_found` is `Ok(null)` when `absentIsNull` is set
 * (lookups: absent is not an error).
 */
export function callSandbox<T>(config: SandboxHttpConfig, call: SandboxCall<T>, absentIsNull: true): ResultAsync<T | null, PaymentError>;
export function callSandbox<T>(config: SandboxHttpConfig, call: SandboxCall<T>, absentIsNull?: false): ResultAsync<T, PaymentError>;
export function callSandbox<T>(config: SandboxHttpConfig, call: SandboxCall<T>, absentIsNull = false): ResultAsync<T | null, PaymentError> {
  // A key that cannot travel in a header would make fetch throw, which would read as an outage.
  if (call.idempotencyKey !== undefined && !/^[\x21-\x7e]{1,255}$/.test(call.idempotencyKey)) {
    return errAsync(paymentError(call.operation, "invalid_request", "the idempotency key must be 1-255 visible ASCII characters"));
  }
  const headers: Record<string, string> = { Authorization: `Bearer ${config.secretKey}`, Accept: "application/json" };
  if (call.idempotencyKey !== undefined) headers["Idempotency-Key"] = call.idempotencyKey;
  if (call.body !== undefined) headers["Content-Type"] = "application/json";
  const init: RequestInit = {
    method: call.method,
    headers,
    signal: AbortSignal.timeout(config.timeoutMs),
    redirect: "error",
    ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
  };
  const exchange = async (): Promise<Answer> => {
    const response = await fetch(new URL(call.path, config.base), init);
    const text = await response.text();
    let body: unknown = null;
    try {
      body = text === "" ? null : JSON.parse(text);
    } catch {
      body = null;
    }
    return { status: response.status, body };
  };
  return ResultAsync.fromPromise(exchange(), (error) => errorFromException(call.operation, error)).andThen(
    (answer): Result<T | null, PaymentError> => {
      if (answer.status >= 200 && answer.status < 300) {
        const decoded = Schema.decodeUnknownResult(call.response)(answer.body);
        return EffectResult.isSuccess(decoded)
          ? ok(decoded.success)
          : err(paymentError(call.operation, "unavailable", `the payment gateway answered ${answer.status} with an unexpected body`));
      }
      const code = errorCodeOf(answer.body);
      if (absentIsNull && answer.status === 404 && code === "not_found") return ok(null);
      return err(errorFromAnswer(call.operation, answer.status, code));
    },
  );
}
