import type { KeyStoreError } from "@madoguchi/core";

/**
 * Builds a {@link KeyStoreError}. Messages are fixed texts chosen by this adapter: they never contain
 * key material, contexts or file contents. Only `unavailable` can clear up by itself, so only
 * `unavailable` is retryable — and not even that when the cause is a configuration mistake.
 */
export const keyStoreError = (
  operation: string,
  reason: KeyStoreError["reason"],
  message: string,
  retryable = reason === "unavailable",
): KeyStoreError => ({ _tag: "KeyStoreError", reason, operation, retryable, message });
