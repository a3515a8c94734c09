import type { Logger } from "pino";
import { checkpointAuditLog, expireAuditSegments, type AuditLogStore, type CheckpointSigner, type Clock } from "@madoguchi/core";

/** Ports and settings of {@link startAuditMaintenance}. */
export interface AuditMaintenanceDeps {
  readonly auditLog: AuditLogStore;
  readonly signer: CheckpointSigner;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly retentionMonths: number;
}

/**
 * One maintenance run: sign checkpoints for every segment (closed or open) not yet sealed by this key,
 * then delete the whole segments past retention. Errors are logged, never thrown: the next run retries.
 */
export const runAuditMaintenance = async (deps: AuditMaintenanceDeps): Promise<void> => {
  const checkpoints = await checkpointAuditLog(deps);
  if (checkpoints.isErr()) deps.logger.error({ err: { tag: checkpoints.error._tag, reason: checkpoints.error.reason } }, "audit checkpoint failed");
  else if (checkpoints.value.length > 0) deps.logger.info({ audit: true, checkpoints: checkpoints.value.map((c) => c.lastSeq) }, "audit checkpoints signed");
  const expired = await expireAuditSegments(deps, deps.retentionMonths);
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
