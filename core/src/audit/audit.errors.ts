/** Why a chain failed verification. */
export type AuditChainBreak =
  /** An entry's content does not hash to its stored hash (changed bytes, or an entry inserted and the rest re-hashed). */
  | "hash_mismatch"
  /** A sequence number is missing: an entry was deleted (or a partial segment expired). */
  | "sequence_gap"
  /** Entries are out of order or repeated (sequence or segment going backwards). */
  | "reordered"
  /** A checkpoint's signature does not verify under a trusted key (or its key is unknown). */
  | "checkpoint_signature_invalid"
  /** A checkpoint names a hash or segment that the entry at its sequence number does not have. */
  | "checkpoint_mismatch"
  /** A checkpoint covers entries the log no longer has at its end: the tail was cut off. */
  | "truncated";

/** The audit chain is not intact: `seq` is the first bad entry (or the checkpoint's sequence number). */
export interface AuditChainBroken {
  readonly _tag: "AuditChainBroken";
  readonly code: "audit.chain_broken";
  readonly reason: AuditChainBreak;
  readonly seq: number;
  /** What was found, in English, with sequence numbers and hashes only. */
  readonly message: string;
}
