import { err, ok, type Result } from "neverthrow";
import type { Hasher } from "../shared/hasher.port.ts";
import { chainHash, GENESIS_HASH } from "./audit-chain.ts";
import { checkpointSigningPayload, type AuditCheckpoint } from "./audit-checkpoint.ts";
import type { AuditEntry } from "./audit-entry.ts";
import { segmentExpiresAt } from "./audit-retention.ts";
import type { AuditChainBreak, AuditChainBroken } from "./audit.errors.ts";
import type { CheckpointSignatureVerifier } from "./checkpoint-signer.port.ts";

/** What verification needs: a hash function, a signature check and the public keys to trust by key id. */
export interface VerifyAuditChainDeps {
  readonly hasher: Hasher;
  readonly signatures: CheckpointSignatureVerifier;
  /** keyId → public key. A checkpoint signed by any other key is invalid. */
  readonly trustedKeys: ReadonlyMap<string, string>;
}

/**
 * The retention in force, when known: then a missing prefix must consist of segments that had
 * expired at `now` — otherwise deleting a whole recent segment would pass as retention.
 */
export interface AuditRetentionCheck {
  readonly now: Date;
  readonly retentionMonths: number;
}

/** What an intact chain looks like. */
export interface AuditChainReport {
  /** Entries checked (those kept: expired segments are gone). */
  readonly entries: number;
  readonly checkpoints: number;
  /** First kept sequence number (1 unless segments expired), or null for an empty log. */
  readonly firstSeq: number | null;
  readonly lastSeq: number | null;
  /** Checkpoints whose entries were expired by retention: trusted by signature only. */
  readonly expiredCheckpoints: number;
}

const broken = (reason: AuditChainBreak, seq: number, message: string): AuditChainBroken => ({
  _tag: "AuditChainBroken",
  code: "audit.chain_broken",
  reason,
  seq,
  message,
});

const validSignature = (deps: VerifyAuditChainDeps, cp: AuditCheckpoint): boolean => {
  const key = deps.trustedKeys.get(cp.keyId);
  if (key === undefined) return false;
  const { signature, ...signed } = cp;
  return deps.signatures.verify(key, checkpointSigningPayload(signed), signature);
};

/**
 * Verifies an audit log: `entries` as stored (ascending by sequence, expired segments absent) and
 * every checkpoint known — the database's own and any copy kept elsewhere (pass both: a copy is what
 * catches a cut-off tail or a re-hashed chain). Checks, in this order:
 *
 * 1. every checkpoint's signature under `trustedKeys`, and that checkpoints agree with each other;
 * 2. the start: sequence 1 from the genesis hash, or — after retention — the entry right after a
 *    checkpoint of an earlier segment, chained from that checkpoint's hash (and, given `retention`,
 *    only if that segment had expired);
 * 3. each entry in turn: consecutive sequence, segments never going back, the recomputed hash, and
 *    the checkpoints taken at it;
 * 4. no checkpoint beyond the last entry (tail truncation).
 *
 * Returns the first problem found, with the first bad sequence number.
 */
export const verifyAuditChain = (
  deps: VerifyAuditChainDeps,
  entries: readonly AuditEntry[],
  checkpoints: readonly AuditCheckpoint[],
  retention: AuditRetentionCheck | null = null,
): Result<AuditChainReport, AuditChainBroken> => {
  const sorted = [...checkpoints].sort((a, b) => a.lastSeq - b.lastSeq);
  const bySeq = new Map<number, AuditCheckpoint>();
  for (const cp of sorted) {
    if (!validSignature(deps, cp)) {
      return err(broken("checkpoint_signature_invalid", cp.lastSeq, `checkpoint at seq ${cp.lastSeq} (segment ${cp.segment}, key ${cp.keyId}) has no valid signature from a trusted key`));
    }
    const other = bySeq.get(cp.lastSeq);
    if (other !== undefined && (other.lastHash !== cp.lastHash || other.segment !== cp.segment)) {
      return err(broken("checkpoint_mismatch", cp.lastSeq, `two signed checkpoints at seq ${cp.lastSeq} disagree`));
    }
    bySeq.set(cp.lastSeq, cp);
  }
  const maxCheckpointSeq = sorted.at(-1)?.lastSeq ?? 0;
  const first = entries[0];
  if (first === undefined) {
    if (maxCheckpointSeq > 0) return err(broken("truncated", 1, `the log is empty but a checkpoint covers seq ${maxCheckpointSeq}`));
    return ok({ entries: 0, checkpoints: sorted.length, firstSeq: null, lastSeq: null, expiredCheckpoints: 0 });
  }

  // To tell an entry moved elsewhere (reordered) from one that is gone (a gap).
  const present = new Set(entries.map((e) => e.seq));
  const lowest = Math.min(...present);
  if (lowest < first.seq) return err(broken("reordered", lowest, `seq ${lowest} is not where it belongs (seq ${first.seq} comes first)`));
  let previousHash = GENESIS_HASH;
  let previousSegment = "";
  if (first.seq !== 1) {
    const predecessor = bySeq.get(first.seq - 1);
    if (predecessor === undefined || predecessor.segment >= first.segment) {
      // Retention deletes whole segments after their closing checkpoint: the gap starts after the last one.
      const sealedBefore = sorted.filter((cp) => cp.lastSeq < first.seq && cp.segment < first.segment).at(-1);
      const gap = (sealedBefore?.lastSeq ?? 0) + 1;
      return err(broken("sequence_gap", gap, `seq ${gap} to ${first.seq - 1} are missing (only whole segments sealed by a checkpoint may expire)`));
    }
    if (retention !== null && retention.now.getTime() < segmentExpiresAt(predecessor.segment, retention.retentionMonths).getTime()) {
      const expiredBefore = sorted.filter(
        (cp) => cp.lastSeq < first.seq && retention.now.getTime() >= segmentExpiresAt(cp.segment, retention.retentionMonths).getTime(),
      );
      const gap = (expiredBefore.at(-1)?.lastSeq ?? 0) + 1;
      return err(broken("sequence_gap", gap, `entries up to seq ${first.seq - 1} are missing, but segment ${predecessor.segment} has not expired`));
    }
    previousHash = predecessor.lastHash;
    previousSegment = predecessor.segment;
  }

  let expected = first.seq;
  for (const entry of entries) {
    if (entry.seq < expected) return err(broken("reordered", entry.seq, `seq ${entry.seq} appears after seq ${expected - 1}`));
    if (entry.seq > expected) {
      return present.has(expected)
        ? err(broken("reordered", expected, `seq ${expected} is not where it belongs (seq ${entry.seq} comes first)`))
        : err(broken("sequence_gap", expected, `seq ${expected} is missing (next is ${entry.seq})`));
    }
    if (entry.segment < previousSegment) return err(broken("reordered", entry.seq, `seq ${entry.seq} is in segment ${entry.segment}, before ${previousSegment}`));
    const { hash, ...content } = entry;
    if (chainHash(deps.hasher, previousHash, content) !== hash) {
      return err(broken("hash_mismatch", entry.seq, `seq ${entry.seq} does not hash to its stored hash`));
    }
    const cp = bySeq.get(entry.seq);
    if (cp !== undefined && (cp.lastHash !== hash || cp.segment !== entry.segment)) {
      return err(broken("checkpoint_mismatch", entry.seq, `the checkpoint at seq ${entry.seq} names another hash or segment than the entry`));
    }
    previousHash = hash;
    previousSegment = entry.segment;
    expected += 1;
  }
  const lastSeq = expected - 1;
  if (maxCheckpointSeq > lastSeq) {
    return err(broken("truncated", lastSeq + 1, `a checkpoint covers seq ${maxCheckpointSeq} but the log ends at seq ${lastSeq}`));
  }
  return ok({
    entries: entries.length,
    checkpoints: sorted.length,
    firstSeq: first.seq,
    lastSeq,
    expiredCheckpoints: sorted.filter((cp) => cp.lastSeq < first.seq).length,
  });
};
