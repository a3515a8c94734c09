/**
 * @madoguchi/adapter-local-keystore — the embedded {@link KeyStore}: AES-256-GCM envelope encryption
 * under a key-encryption key kept in a local file (mode 0600) outside the database and its backups.
 */
export { createLocalKeyStore } from "./create-local-key-store.ts";
export { LocalKeyStoreOptionsSchema, type LocalKeyStoreOptions } from "./local-key-store.options.ts";
export { createLocalCheckpointSigner, type LocalCheckpointSignerOptions } from "./checkpoint-signer/create-local-checkpoint-signer.ts";
export { ed25519SignatureVerifier } from "./checkpoint-signer/ed25519-signature-verifier.ts";
export { keyIdOf } from "./checkpoint-signer/signing-key-file.ts";
export { destroyKeyFile } from "./destroy-key-file.ts";
