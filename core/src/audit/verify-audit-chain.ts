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
 * A verification in progress, fed the stored entries in order, page by page, so that a log of any
 * size is checked in constant memory (the checkpoints are held, the entries are not).
 */
export interface AuditChainVerification {
  /** Checks the next entry; the first break found, or null. After a break, further calls return it again. */
  feed(entry: AuditEntry): AuditChainBroken | null;
  /** Ends the verification: the report, or the first break (incl. tail truncation against a checkpoint). */
  finish(): Result<AuditChainReport, AuditChainBroken>;
}

/**
 * Starts verifying an audit log against every checkpoint known — the database's own and any copy kept
 * elsewhere (pass both: a copy is what catches a cut-off tail or a re-hashed chain). Checks, in order:
 *
 * 1. every checkpoint's signature under `trustedKeys`, and that checkpoints agree with each other
 *    (a failure here is returned at once, instead of a verification);
 * 2. the start: sequence 1 from the genesis hash, or — after retention — the entry right after a
 *    checkpoint of an earlier segment, chained from that checkpoint's hash (and, given `retention`,
 *    only if that segment had expired);
 * 3. each entry in turn: consecutive sequence, segments never going back, the recomputed hash, and
 *    the checkpoints taken at it;
 * 4. at the end, no checkpoint beyond the last entry (tail truncation).
 */
export const startAuditChainVerification = (
  deps: VerifyAuditChainDeps,
  checkpoints: readonly AuditCheckpoint[],
  retention: AuditRetentionCheck | null = null,
): AuditChainVerification | AuditChainBroken => {
  const sorted = [...checkpoints].sort((a, b) => a.lastSeq - b.lastSeq);
  const bySeq = new Map<number, AuditCheckpoint>();
  for (const cp of sorted) {
    if (!validSignature(deps, cp)) {
      return broken("checkpoint_signature_invalid", cp.lastSeq, `checkpoint at seq ${cp.lastSeq} (segment ${cp.segment}, key ${cp.keyId}) has no valid signature from a trusted key`);
    }
    const other = bySeq.get(cp.lastSeq);
    if (other !== undefined && (other.lastHash !== cp.lastHash || other.segment !== cp.segment)) {
      return broken("checkpoint_mismatch", cp.lastSeq, `two signed checkpoints at seq ${cp.lastSeq} disagree`);
    }
    bySeq.set(cp.lastSeq, cp);
  }
  const maxCheckpointSeq = sorted.at(-1)?.lastSeq ?? 0;

  /** Where the chain resumes for a log whose first kept entry is `first`. */
  const startAt = (first: AuditEntry): { readonly hash: string; readonly segment: string } | AuditChainBroken => {
    if (first.seq === 1) return { hash: GENESIS_HASH, segment: "" };
    const predecessor = bySeq.get(first.seq - 1);
    if (predecessor === undefined || predecessor.segment >= first.segment) {
      // Retention deletes whole segments after their closing checkpoint: the gap starts after the last one.
      const sealedBefore = sorted.filter((cp) => cp.lastSeq < first.seq && cp.segment < first.segment).at(-1);
      const gap = (sealedBefore?.lastSeq ?? 0) + 1;
      return broken("sequence_gap", gap, `seq ${gap} to ${first.seq - 1} are missing (only whole segments sealed by a checkpoint may expire)`);
    }
    if (retention !== null && retention.now.getTime() < segmentExpiresAt(predecessor.segment, retention.retentionMonths).getTime()) {
      const expiredBefore = sorted.filter(
        (cp) => cp.lastSeq < first.seq && retention.now.getTime() >= segmentExpiresAt(cp.segment, retention.retentionMonths).getTime(),
      );
      const gap = (expiredBefore.at(-1)?.lastSeq ?? 0) + 1;
      return broken("sequence_gap", gap, `entries up to seq ${first.seq - 1} are missing, but segment ${predecessor.segment} has not expired`);
    }
    return { hash: predecessor.lastHash, segment: predecessor.segment };
  };

  let failure: AuditChainBroken | null = null;
  let firstSeq: number | null = null;
  let expected = 0;
  let previousHash = GENESIS_HASH;
  let previousSegment = "";
  let count = 0;

  const check = (entry: AuditEntry): AuditChainBroken | null => {
    if (firstSeq === null) {
      const start = startAt(entry);
      if ("_tag" in start) return start;
      firstSeq = entry.seq;
      expected = entry.seq;
      previousHash = start.hash;
      previousSegment = start.segment;
    }
    if (entry.seq < expected) return broken("reordered", entry.seq, `seq ${entry.seq} appears after seq ${expected - 1}`);
    if (entry.seq > expected) return broken("sequence_gap", expected, `seq ${expected} is missing (next is ${entry.seq})`);
    if (entry.segment < previousSegment) return broken("reordered", entry.seq, `seq ${entry.seq} is in segment ${entry.segment}, before ${previousSegment}`);
    const { hash, ...content } = entry;
    if (chainHash(deps.hasher, previousHash, content) !== hash) return broken("hash_mismatch", entry.seq, `seq ${entry.seq} does not hash to its stored hash`);
    const cp = bySeq.get(entry.seq);
    if (cp !== undefined && (cp.lastHash !== hash || cp.segment !== entry.segment)) {
      return broken("checkpoint_mismatch", entry.seq, `the checkpoint at seq ${entry.seq} names another hash or segment than the entry`);
    }
    previousHash = hash;
    previousSegment = entry.segment;
    expected += 1;
    count += 1;
    return null;
  };

  return {
    feed: (entry) => {
      failure ??= check(entry);
      return failure;
    },
    finish: () => {
      if (failure !== null) return err(failure);
      if (firstSeq === null) {
        if (maxCheckpointSeq > 0) return err(broken("truncated", 1, `the log is empty but a checkpoint covers seq ${maxCheckpointSeq}`));
        return ok({ entries: 0, checkpoints: sorted.length, firstSeq: null, lastSeq: null, expiredCheckpoints: 0 });
      }
      const lastSeq = expected - 1;
      if (maxCheckpointSeq > lastSeq) {
        return err(broken("truncated", lastSeq + 1, `a checkpoint covers seq ${maxCheckpointSeq} but the log ends at seq ${lastSeq}`));
      }
      const kept = firstSeq;
      return ok({ entries: count, checkpoints: sorted.length, firstSeq: kept, lastSeq, expiredCheckpoints: sorted.filter((cp) => cp.lastSeq < kept).length });
    },
  };
};

/**
 * Verifies an audit log held in memory: `entries` in stored order (expired segments absent) and every
 * checkpoint known; see {@link startAuditChainVerification} for what is checked. Knowing all entries,
 * it also tells an entry that was moved (`reordered`) from one that is gone (`sequence_gap`). Returns
 * the first problem found, with the first bad sequence number.
 */
export const verifyAuditChain = (
  deps: VerifyAuditChainDeps,
  entries: readonly AuditEntry[],
  checkpoints: readonly AuditCheckpoint[],
  retention: AuditRetentionCheck | null = null,
): Result<AuditChainReport, AuditChainBroken> => {
  const verification = startAuditChainVerification(deps, checkpoints, retention);
  if ("_tag" in verification) return err(verification);
  // Where the order first breaks with the missing entry present further on: a move, not a deletion.
  const present = new Set(entries.map((e) => e.seq));
  const firstSeq = entries[0]?.seq ?? 1;
  const lowest = entries.length === 0 ? firstSeq : Math.min(...present);
  let moved: { readonly position: number; readonly seq: number } | null = lowest < firstSeq ? { position: 0, seq: lowest } : null;
  for (let k = 0; moved === null && k < entries.length; k++) {
    const want = firstSeq + k;
    if (entries[k]?.seq !== want) {
      if (present.has(want)) moved = { position: k, seq: want };
      break;
    }
  }
  for (const [k, entry] of entries.entries()) {
    if (moved !== null && k === moved.position) {
      return err(broken("reordered", moved.seq, `seq ${moved.seq} is not where it belongs (seq ${entry.seq} comes first)`));
    }
    const failure = verification.feed(entry);
    if (failure !== null) return err(failure);
  }
  return verification.finish();
};
