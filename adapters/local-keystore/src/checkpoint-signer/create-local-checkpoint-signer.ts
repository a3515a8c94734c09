import { sign } from "node:crypto";
import { errAsync, okAsync, ResultAsync } from "neverthrow";
import { CHECKPOINT_SIGNER_CONTRACT, type CheckpointSigner, type CheckpointSignerError } from "@madoguchi/core";
import { loadOrCreateSigningKey, type SigningKeyProblem } from "./signing-key-file.ts";

/** Options of {@link createLocalCheckpointSigner}. */
export interface LocalCheckpointSignerOptions {
  /** Path of the Ed25519 key file (e.g. `./data/keys/audit-signing.json`), mode 0600. */
  readonly keyFile: string;
  /** Create a key on first start. A new key is harmless for old checkpoints (they name their key id). */
  readonly createIfMissing: boolean;
}

const MESSAGES: Readonly<Record<SigningKeyProblem, string>> = {
  missing: "the audit signing key file does not exist",
  insecure_permissions: "the audit signing key file is readable by group or others (chmod 600)",
  malformed: "the audit signing key file is not a valid madoguchi Ed25519 key",
  io: "the audit signing key file cannot be read or created",
};

const signerError = (problem: SigningKeyProblem): CheckpointSignerError => ({
  _tag: "CheckpointSignerError",
  reason: problem === "io" ? "unavailable" : "key_missing",
  operation: "checkpoint-signer.create",
  retryable: problem === "io",
  message: MESSAGES[problem],
});

/**
 * The embedded {@link CheckpointSigner}: Ed25519 with a private key in a local file, like the
 * personal-data key-encryption key (keep it out of the database's backups and copy its public key —
 * `publicKey` — to wherever checkpoints are verified).
 */
export const createLocalCheckpointSigner = (options: LocalCheckpointSignerOptions): ResultAsync<CheckpointSigner, CheckpointSignerError> =>
  ResultAsync.fromSafePromise(loadOrCreateSigningKey(options.keyFile, options.createIfMissing)).andThen((key) => {
    if (typeof key === "string") return errAsync(signerError(key));
    return okAsync<CheckpointSigner, CheckpointSignerError>({
      meta: { contract: CHECKPOINT_SIGNER_CONTRACT, name: "local-ed25519", capabilities: new Set() },
      keyId: key.keyId,
      publicKey: key.publicKey,
      sign: (message: string) => okAsync(sign(null, Buffer.from(message, "utf8"), key.privateKey).toString("base64")),
    });
  });
