import { err, errAsync, ResultAsync, type Result } from "neverthrow";
import type { StorageError } from "../shared/storage.errors.ts";
import type { AuditCheckpoint } from "./audit-checkpoint.ts";
import type { AuditLogStore } from "./audit-log-store.port.ts";
import type { AuditChainBroken } from "./audit.errors.ts";
import { startAuditChainVerification, type AuditChainReport, type AuditRetentionCheck, type VerifyAuditChainDeps } from "./verify-audit-chain.ts";

/** Entries read per page: the verification holds one page at a time. */
const PAGE = 1_000;

/** Ports and trust anchors used by {@link verifyStoredAuditLog}. */
export interface VerifyStoredAuditLogDeps extends VerifyAuditChainDeps {
  readonly auditLog: AuditLogStore;
  /** The retention in force (then a missing prefix must have expired); absent: not checked. */
  readonly retention?: AuditRetentionCheck;
}

/**
 * Verifies the stored log page by page (constant memory) against its own checkpoints and
 * `externalCheckpoints` (the copy kept outside the application; empty if none). The store returns
 * entries by sequence number, so a move shows as a gap or a hash mismatch here.
 */
export const verifyStoredAuditLog = (
  deps: VerifyStoredAuditLogDeps,
  externalCheckpoints: readonly AuditCheckpoint[],
): ResultAsync<AuditChainReport, AuditChainBroken | StorageError> =>
  deps.auditLog.checkpoints().andThen((stored) => {
    const verification = startAuditChainVerification(deps, [...stored, ...externalCheckpoints], deps.retention ?? null);
    if ("_tag" in verification) return errAsync(verification);
    // A loop rather than a chain of andThen: memory stays flat however many pages the log has.
    const run = async (): Promise<Result<AuditChainReport, AuditChainBroken | StorageError>> => {
      let afterSeq = 0;
      for (;;) {
        const page = await deps.auditLog.read({ afterSeq, limit: PAGE });
        if (page.isErr()) return err(page.error);
        for (const entry of page.value) {
          const failure = verification.feed(entry);
          if (failure !== null) return err(failure);
        }
        const last = page.value.at(-1);
        if (page.value.length < PAGE || last === undefined) return verification.finish();
        afterSeq = last.seq;
      }
    };
    return new ResultAsync(run());
  });
