import type { PasswordHashingError } from "@madoguchi/core";

/**
 * Builds a {@link PasswordHashingError}. Messages are fixed texts of this adapter: never the password,
 * never the hash. Only `unavailable` may clear up by itself, and not when it comes from configuration.
 */
export const passwordHashingError = (
  operation: string,
  reason: PasswordHashingError["reason"],
  message: string,
  retryable = reason === "unavailable",
): PasswordHashingError => ({ _tag: "PasswordHashingError", reason, operation, retryable, message });
