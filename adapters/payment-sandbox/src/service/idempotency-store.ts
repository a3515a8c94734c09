import { apiError, type ApiResponse } from "./sandbox-api-error.ts";

/** The answer to a request made with an idempotency key, and whether it is a replay of an earlier one. */
export interface IdempotentAnswer {
  readonly response: ApiResponse;
  readonly replayed: boolean;
}

/**
 * Idempotency records, Stripe-style: the first answer to `(scope, key)` is kept with a fingerprint of
 * the request; the same key with the same request gets the same answer (status and body) without
 * running again; the same key with a different request is a 409.
 *
 * Only answers that committed something or decided the outcome (2xx, 402 declines) are kept. Request
 * errors (400/404) and server errors (5xx) are not: nothing happened, so a retry may run again.
 * Keys are scoped by operation (`authorize`, `capture`, `void`) so that a caller that reuses its payment
 * key for the capture does not collide with its own authorisation.
 */
export interface IdempotencyStore {
  run(scope: string, key: string, fingerprint: string, execute: () => ApiResponse): IdempotentAnswer;
}

/** An idempotency store in memory. */
export const createIdempotencyStore = (): IdempotencyStore => {
  const records = new Map<string, { readonly fingerprint: string; readonly response: ApiResponse }>();
  return {
    run(scope, key, fingerprint, execute) {
      const recordKey = `${scope}\u0000${key}`;
      const previous = records.get(recordKey);
      if (previous !== undefined) {
        if (previous.fingerprint !== fingerprint) {
          return {
            response: apiError("idempotency_key_reused", "this idempotency key was used with a different request"),
            replayed: false,
          };
        }
        return { response: previous.response, replayed: true };
      }
      // execute() is synchronous: no other request can interleave between the lookup and the record.
      const response = execute();
      if ((response.status >= 200 && response.status < 300) || response.status === 402) {
        records.set(recordKey, { fingerprint, response });
      }
      return { response, replayed: false };
    },
  };
};
