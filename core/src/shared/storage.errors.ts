/**
 * Infrastructure failure of a storage port. Adapters map their driver's exceptions to this at exactly
 * one boundary. Never put personal data in `message` or `cause`.
 */
export interface StorageError {
  readonly _tag: "StorageError";
  readonly reason: "unavailable" | "conflict" | "corrupt" | "unknown";
  /** Port method that failed, e.g. `"application-store.update"`. */
  readonly operation: string;
  readonly retryable: boolean;
  readonly message: string;
  readonly cause?: unknown;
}

export const storageError = (
  operation: string,
  reason: StorageError["reason"],
  message: string,
  cause?: unknown,
): StorageError => ({
  _tag: "StorageError",
  reason,
  operation,
  retryable: reason === "unavailable",
  message,
  ...(cause === undefined ? {} : { cause }),
});
