import canonicalize from "canonicalize";

/**
 * A signed statement "the log's entry `lastSeq` in segment `segment` has hash `lastHash`". Taken when
 * a segment closes and periodically for the open one; copied outside the application's control
 * (`madoguchi audit export-checkpoints`) so that deleting the newest entries (tail truncation), or
 * rewriting the whole chain, is detected against the copy. Checkpoints outlive their segments.
 */
export interface AuditCheckpoint {
  readonly segment: string;
  readonly lastSeq: number;
  readonly lastHash: string;
  readonly signedAt: Date;
  /** Which signing key made `signature` (looked up among the trusted public keys). */
  readonly keyId: string;
  /** Ed25519 signature over {@link checkpointSigningPayload}, base64. */
  readonly signature: string;
}

/** Type tag of the signed checkpoint document. */
export const CHECKPOINT_PAYLOAD_TYPE = "madoguchi.audit-checkpoint/v1" as const;

/** The exact text a checkpoint signature covers (RFC 8785 canonical JSON of everything but the signature). */
export const checkpointSigningPayload = (checkpoint: Omit<AuditCheckpoint, "signature">): string => {
  const json = canonicalize({
    type: CHECKPOINT_PAYLOAD_TYPE,
    segment: checkpoint.segment,
    lastSeq: checkpoint.lastSeq,
    lastHash: checkpoint.lastHash,
    signedAt: checkpoint.signedAt.toISOString(),
    keyId: checkpoint.keyId,
  });
  if (json === undefined) throw new TypeError("checkpoint is not serialisable");
  return json;
};
