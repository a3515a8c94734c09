import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import type { StorageError } from "../shared/storage.errors.ts";
import type { AuditCheckpoint } from "./audit-checkpoint.ts";
import type { AuditLogStore } from "./audit-log-store.port.ts";
import type { AuditChainBroken } from "./audit.errors.ts";
import { readAllAuditEntries } from "./read-audit-log.ts";
import { verifyAuditChain, type AuditChainReport, type AuditRetentionCheck, type VerifyAuditChainDeps } from "./verify-audit-chain.ts";

/** Ports and trust anchors used by {@link verifyStoredAuditLog}. */
export interface VerifyStoredAuditLogDeps extends VerifyAuditChainDeps {
  readonly auditLog: AuditLogStore;
  /** The retention in force (then a missing prefix must have expired); absent: not checked. */
  readonly retention?: AuditRetentionCheck;
}

/**
 * Reads the whole stored log and its checkpoints and verifies them together with `externalCheckpoints`
 * (the copy kept outside the application; empty if none).
 */
export const verifyStoredAuditLog = (
  deps: VerifyStoredAuditLogDeps,
  externalCheckpoints: readonly AuditCheckpoint[],
): ResultAsync<AuditChainReport, AuditChainBroken | StorageError> =>
  readAllAuditEntries(deps.auditLog).andThen((entries) =>
    deps.auditLog.checkpoints().andThen((stored) => {
      const verified = verifyAuditChain(deps, entries, [...stored, ...externalCheckpoints], deps.retention ?? null);
      return verified.isOk() ? okAsync(verified.value) : errAsync(verified.error);
    }),
  );
