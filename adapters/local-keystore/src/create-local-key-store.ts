import { randomBytes, timingSafeEqual } from "node:crypto";
import { errAsync, okAsync, ResultAsync } from "neverthrow";
import { KEY_STORE_CONTRACT, type DataKey, type KeyStore, type KeyStoreError } from "@madoguchi/core";
import { open, seal } from "./aes-gcm.ts";
import { loadOrCreateKeyRing, type KeyFileProblem, type KeyRing } from "./key-file.ts";
import { keyStoreError } from "./key-store.errors.ts";
import { decodeLocalKeyStoreOptions } from "./local-key-store.options.ts";

/** Length of a data key: AES-256. */
const DATA_KEY_BYTES = 32;

/** AAD binds a wrapped key to its record and to the KEK version: `context|keyVersion`, UTF-8. */
const wrapAad = (context: string, keyVersion: number): Uint8Array => Buffer.from(`${context}|${keyVersion}`, "utf8");

const problemError = (operation: string, p: KeyFileProblem): KeyStoreError => {
  switch (p.kind) {
    case "missing":
      return keyStoreError(operation, "unavailable", "key file not found (createIfMissing is false)", false);
    case "insecure_permissions":
      return keyStoreError(operation, "unavailable", "key file is accessible by group or others: restrict it to mode 0600", false);
    case "malformed":
      return keyStoreError(operation, "unavailable", `key file is malformed: ${p.detail}`, false);
    case "io":
      return keyStoreError(operation, "unavailable", `key file cannot be read or created (${p.code})`);
  }
};

const loadRing = (operation: string, keyFile: string, createIfMissing: boolean): ResultAsync<KeyRing, KeyStoreError> =>
  ResultAsync.fromPromise(loadOrCreateKeyRing(keyFile, createIfMissing), () =>
    keyStoreError(operation, "unavailable", "key file cannot be read or created"),
  ).andThen((loaded) => (loaded.ok ? okAsync(loaded.ring) : errAsync(problemError(operation, loaded.problem))));

/**
 * Creates the local {@link KeyStore}: envelope encryption under a key-encryption key (KEK) kept in a
 * file beside, but not inside, the database — the reference app uses `./data/keys/madoguchi.kek.json`
 * next to `./data/madoguchi.sqlite`. Operators must keep the key file out of database backups and
 * back it up separately: whoever holds both can read everything, and losing the key file loses every
 * encrypted record.
 *
 * Data keys are 32 random bytes, wrapped with AES-256-GCM under the current KEK with a random 96-bit
 * IV and AAD `context|keyVersion`; `wrapped` is iv‖ciphertext‖tag (60 bytes). A missing key file is
 * created with mode 0600 when `createIfMissing` is set; a key file readable by group or others is
 * refused.
 */
export const createLocalKeyStore = (options: {
  readonly keyFile: string;
  readonly createIfMissing: boolean;
}): ResultAsync<KeyStore, KeyStoreError> => {
  const decoded = decodeLocalKeyStoreOptions(options);
  if (decoded.isErr()) return errAsync(decoded.error);
  const { keyFile, createIfMissing } = decoded.value;
  return loadRing("key-store.create", keyFile, createIfMissing).map((ring): KeyStore => {
    const currentKek = ring.keys.get(ring.current);
    if (currentKek === undefined) throw new Error("key ring without its current version");
    return {
      meta: { contract: KEY_STORE_CONTRACT, name: "local-keystore", capabilities: new Set() },

      generateDataKey: (context: string): ResultAsync<DataKey, KeyStoreError> => {
        const plaintext = new Uint8Array(randomBytes(DATA_KEY_BYTES));
        const wrapped = seal(currentKek, plaintext, wrapAad(context, ring.current));
        return okAsync({ plaintext, wrapped, keyVersion: ring.current });
      },

      unwrapDataKey: (wrapped: Uint8Array, keyVersion: number, context: string): ResultAsync<Uint8Array, KeyStoreError> => {
        const kek = ring.keys.get(keyVersion);
        if (kek === undefined) {
          return errAsync(keyStoreError("key-store.unwrapDataKey", "key_destroyed", "no key-encryption key with this version"));
        }
        const plaintext = open(kek, wrapped, wrapAad(context, keyVersion));
        return plaintext === null || plaintext.length !== DATA_KEY_BYTES
          ? errAsync(keyStoreError("key-store.unwrapDataKey", "unwrap_failed", "wrapped key does not authenticate for this context"))
          : okAsync(plaintext);
      },

      // Re-reads the key file: if it vanished or changed, the next restart would lose access to every
      // record (or, with createIfMissing, silently start a new key), so operators must hear it now.
      healthCheck: (): ResultAsync<void, KeyStoreError> =>
        loadRing("key-store.healthCheck", keyFile, false).andThen((onDisk) => {
          const same = onDisk.keys.get(ring.current);
          return same !== undefined && timingSafeEqual(same, currentKek)
            ? okAsync(undefined)
            : errAsync(keyStoreError("key-store.healthCheck", "unavailable", "key file no longer holds the key in use", false));
        }),
    };
  });
};
