import type { ResultAsync } from "neverthrow";
import type { AdapterMeta } from "../shared/adapter-meta.ts";

/** Contract id of {@link KeyStore}. */
export const KEY_STORE_CONTRACT = "key-store@1" as const;

/** A fresh data-encryption key: use `plaintext` once, store only `wrapped` beside the record. */
export interface DataKey {
  /** 32 bytes (AES-256). Never persisted, never logged. */
  readonly plaintext: Uint8Array;
  /** The key encrypted under the key-encryption key; safe to store beside the record. */
  readonly wrapped: Uint8Array;
  /** Version of the key-encryption key that wrapped it. */
  readonly keyVersion: number;
}

export interface KeyStoreError {
  readonly _tag: "KeyStoreError";
  readonly reason: "unavailable" | "unwrap_failed" | "key_destroyed";
  readonly operation: string;
  readonly retryable: boolean;
  readonly message: string;
}

/**
 * Port: envelope encryption keys. Each record gets its own data key; the key-encryption key lives
 * outside the database, so destroying it (or the wrapped data key) is a cryptographic erase.
 * `context` (e.g. `application:<id>`) is bound to the wrapping as additional authenticated data.
 */
export interface KeyStore {
  readonly meta: AdapterMeta;
  generateDataKey(context: string): ResultAsync<DataKey, KeyStoreError>;
  unwrapDataKey(wrapped: Uint8Array, keyVersion: number, context: string): ResultAsync<Uint8Array, KeyStoreError>;
  healthCheck(): ResultAsync<void, KeyStoreError>;
}
