import { Result as EffectResult, Schema } from "effect";
import { err, ok, type Result } from "neverthrow";
import type { KeyStoreError } from "@madoguchi/core";
import { keyStoreError } from "./key-store.errors.ts";

/** Options of {@link createLocalKeyStore}, as decoded from configuration. */
export const LocalKeyStoreOptionsSchema = Schema.Struct({
  /**
   * Path of the key file holding the key-encryption key. Keep it outside the database directory's
   * backups (the reference app uses `./data/keys/`): a backup that holds both the database and this
   * file defeats the cryptographic erase.
   */
  keyFile: Schema.String.check(Schema.isNonEmpty()),
  /**
   * Create a fresh key file when none exists. Only for a first start: with existing encrypted data,
   * a new key-encryption key makes that data unreadable, so production starts should pass `false`.
   */
  createIfMissing: Schema.Boolean,
});

/** Options of {@link createLocalKeyStore}. */
export type LocalKeyStoreOptions = typeof LocalKeyStoreOptionsSchema.Type;

const decode = Schema.decodeUnknownResult(LocalKeyStoreOptionsSchema);

/**
 * Validates options at the boundary. The error message carries the schema's description of what
 * is wrong and where (paths only, never the values: a path could name a person's home directory).
 */
export const decodeLocalKeyStoreOptions = (input: unknown): Result<LocalKeyStoreOptions, KeyStoreError> => {
  const decoded = decode(input, { errors: "all" });
  return EffectResult.isSuccess(decoded)
    ? ok(decoded.success)
    : err(keyStoreError("key-store.create", "unavailable", `invalid options: ${decoded.failure.message}`, false));
};
