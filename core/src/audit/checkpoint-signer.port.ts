import type { ResultAsync } from "neverthrow";
import type { AdapterMeta } from "../shared/adapter-meta.ts";

/** Contract id of {@link CheckpointSigner}. */
export const CHECKPOINT_SIGNER_CONTRACT = "checkpoint-signer@1" as const;

/** The signing key could not be used. No key material in `message`. */
export interface CheckpointSignerError {
  readonly _tag: "CheckpointSignerError";
  readonly reason: "unavailable" | "key_missing";
  readonly operation: string;
  readonly retryable: boolean;
  readonly message: string;
}

/**
 * Port: signs audit checkpoints with an Ed25519 private key that never leaves the adapter (a key file,
 * an HSM, a cloud KMS). `publicKey` is what verifiers must trust for `keyId`.
 */
export interface CheckpointSigner {
  readonly meta: AdapterMeta;
  readonly keyId: string;
  /** The public key, as the matching {@link CheckpointSignatureVerifier} expects it (SPKI DER, base64). */
  readonly publicKey: string;
  /** Ed25519 signature of the UTF-8 bytes of `message`, base64. */
  sign(message: string): ResultAsync<string, CheckpointSignerError>;
}

/**
 * Port: checks an Ed25519 signature. Synchronous and total: a malformed key or signature is simply
 * "not valid", because verification must report, not crash, on tampered data.
 */
export interface CheckpointSignatureVerifier {
  verify(publicKey: string, message: string, signature: string): boolean;
}
