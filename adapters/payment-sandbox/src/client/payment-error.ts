import type { PaymentError } from "@madoguchi/core";

/**
 * A `PaymentError`. Retryable by default when the outcome may change on a retry with the same
 * idempotency key (`timeout`, `unavailable`); `retryable` overrides it (a rejected secret key is
 * `unavailable` but retrying cannot help).
 */
export const paymentError = (
  operation: string,
  reason: PaymentError["reason"],
  message: string,
  retryable: boolean = reason === "timeout" || reason === "unavailable",
): PaymentError => ({ _tag: "PaymentError", reason, operation, retryable, message });
