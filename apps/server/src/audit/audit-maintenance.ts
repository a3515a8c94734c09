import type { Logger } from "pino";
import { auditRetentionInForce, checkpointAuditLog, expireAuditSegments, type AuditLogStore, type CheckpointSigner, type Clock, type SettingsStore } from "@madoguchi/core";

/** Ports and settings of {@link startAuditMaintenance}. */
export interface AuditMaintenanceDeps {
  readonly auditLog: AuditLogStore;
  readonly signer: CheckpointSigner;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Where the retention set by an administrator is kept; read on every run. */
  readonly settings: SettingsStore;
  /** The deployment's retention (`MADOGUCHI_AUDIT_RETENTION_MONTHS`), used while no administrator has set one. */
  readonly defaultRetentionMonths: number;
}

/**
 * One maintenance run: sign checkpoints for every segment (closed or open) not yet sealed by this key,
 * then delete the whole segments past the retention in force — read now, so an administrator's change
 * counts from the next run without a restart. When the setting cannot be read nothing is deleted (a
 * guessed period could delete records that must be kept). Errors are logged, never thrown: the next run retries.
 */
export const runAuditMaintenance = async (deps: AuditMaintenanceDeps): Promise<void> => {
  const checkpoints = await checkpointAuditLog(deps);
  if (checkpoints.isErr()) deps.logger.error({ err: { tag: checkpoints.error._tag, reason: checkpoints.error.reason } }, "audit checkpoint failed");
  else if (checkpoints.value.length > 0) deps.logger.info({ audit: true, checkpoints: checkpoints.value.map((c) => c.lastSeq) }, "audit checkpoints signed");
  const retention = await auditRetentionInForce(deps.settings, deps.defaultRetentionMonths);
  if (retention.isErr()) {
    deps.logger.error({ err: { reason: retention.error.reason, operation: retention.error.operation } }, "audit retention setting unreadable: nothing expired");
    return;
  }
  const expired = await expireAuditSegments(deps, retention.value.months);
  if (expired.isErr()) deps.logger.error({ err: { reason: expired.error.reason } }, "audit retention failed");
  else if (expired.value.segments.length > 0) deps.logger.info({ audit: true, expired: expired.value }, "audit segments expired");
};

/** Runs maintenance now and every `intervalMs`; returns the stop function. */
export const startAuditMaintenance = (deps: AuditMaintenanceDeps, intervalMs: number): (() => Promise<void>) => {
  let running: Promise<void> = runAuditMaintenance(deps);
  const timer = setInterval(() => {
    running = running.then(() => runAuditMaintenance(deps));
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
};
