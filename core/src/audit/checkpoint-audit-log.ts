import { okAsync, type ResultAsync } from "neverthrow";
import type { Clock } from "../shared/clock.port.ts";
import type { StorageError } from "../shared/storage.errors.ts";
import { checkpointSigningPayload, type AuditCheckpoint } from "./audit-checkpoint.ts";
import type { AuditLogStore, AuditSegmentSummary } from "./audit-log-store.port.ts";
import type { CheckpointSigner, CheckpointSignerError } from "./checkpoint-signer.port.ts";

/** Ports used by {@link checkpointAuditLog}. */
export interface CheckpointAuditLogDeps {
  readonly auditLog: AuditLogStore;
  readonly signer: CheckpointSigner;
  readonly clock: Clock;
}

const signOne = (deps: CheckpointAuditLogDeps, segment: AuditSegmentSummary, now: Date): ResultAsync<AuditCheckpoint | null, StorageError | CheckpointSignerError> =>
  deps.auditLog.read({ afterSeq: segment.lastSeq - 1, limit: 1 }).andThen((found) => {
    const last = found[0];
    // Retention removed the segment in between: nothing left to seal.
    if (last === undefined || last.seq !== segment.lastSeq) return okAsync(null);
    const unsigned = { segment: last.segment, lastSeq: last.seq, lastHash: last.hash, signedAt: now, keyId: deps.signer.keyId };
    return deps.signer
      .sign(checkpointSigningPayload(unsigned))
      .andThen((signature) => {
        const checkpoint: AuditCheckpoint = { ...unsigned, signature };
        return deps.auditLog.saveCheckpoint(checkpoint).map(() => checkpoint);
      });
  });

/**
 * Signs a checkpoint at the last entry of every segment that has none from this signer yet — the
 * closed segments and the open one as it stands now. Run it periodically (the server does, hourly and
 * at start) and copy the result elsewhere with `madoguchi audit export-checkpoints`: the copy is what
 * detects a cut-off tail. Returns the checkpoints made (none when everything is already sealed).
 */
export const checkpointAuditLog = (deps: CheckpointAuditLogDeps): ResultAsync<readonly AuditCheckpoint[], StorageError | CheckpointSignerError> =>
  deps.auditLog.segments().andThen((segments) =>
    deps.auditLog.checkpoints().andThen((existing) => {
      const sealed = new Set(existing.filter((cp) => cp.keyId === deps.signer.keyId).map((cp) => cp.lastSeq));
      const now = deps.clock.now();
      const made: AuditCheckpoint[] = [];
      let chain: ResultAsync<void, StorageError | CheckpointSignerError> = okAsync(undefined);
      for (const segment of segments.filter((s) => !sealed.has(s.lastSeq))) {
        chain = chain.andThen(() => signOne(deps, segment, now).map((cp) => void (cp !== null && made.push(cp))));
      }
      return chain.map(() => made);
    }),
  );
