import type { webcrypto } from "node:crypto";

// The packages compile without the DOM lib, so WebCrypto's types come from @types/node under these names.

/** WebCrypto key (`globalThis.crypto.subtle`). */
export type CryptoKey = webcrypto.CryptoKey;
/** WebCrypto key pair. */
export type CryptoKeyPair = webcrypto.CryptoKeyPair;
/** WebCrypto RSA import/generation parameters. */
export type RsaHashedImportParams = webcrypto.RsaHashedImportParams;
