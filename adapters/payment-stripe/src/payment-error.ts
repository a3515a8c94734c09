import type { PaymentError } from "@madoguchi/core";

/**
 * A `PaymentError`. Retryable by default when a retry with the same idempotency key may end
 * differently (`timeout`, `unavailable`); `retryable` overrides it (a rejected secret key is
 * `unavailable`, but retrying cannot help).
 */
export const paymentError = (
  operation: string,
  reason: PaymentError["reason"],
  message: string,
  retryable: boolean = reason === "timeout" || reason === "unavailable",
): PaymentError => ({ _tag: "PaymentError", reason, operation, retryable, message });
