/**
 * @madoguchi/adapter-local-keystore — the embedded {@link KeyStore}: AES-256-GCM envelope encryption
 * under a key-encryption key kept in a local file (mode 0600) outside the database and its backups.
 */
export { createLocalKeyStore } from "./create-local-key-store.ts";
export { LocalKeyStoreOptionsSchema, type LocalKeyStoreOptions } from "./local-key-store.options.ts";
