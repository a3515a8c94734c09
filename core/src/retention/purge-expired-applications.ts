import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import type { Application } from "../applications/application.ts";
import type { ApplicationStore } from "../applications/application-store.port.ts";
import type { AuditActor, AuditEntryDraft } from "../audit/audit-entry.ts";
import type { Clock } from "../shared/clock.port.ts";
import type { StorageError } from "../shared/storage.errors.ts";
import { applicationFinishedAt, retentionCutoff } from "./application-retention.ts";

/** Ports of {@link purgeExpiredApplications} and {@link listExpiredApplications}. */
export interface ApplicationRetentionDeps {
  readonly applications: ApplicationStore;
  readonly clock: Clock;
}

/** Who purges: the hourly maintenance run (`system`) or a staff member's bulk deletion (S4 "一括削除"). */
export interface PurgeRequest {
  /** The retention in force, in months. */
  readonly months: number;
  readonly actor: AuditActor;
  readonly sourceIp: string | null;
  /** Applications per transaction (default 100). */
  readonly batchSize?: number;
  /** Stop after this many batches (default: until none is left); the next run goes on. */
  readonly maxBatches?: number;
}

/** What a purge deleted: how many, and the receipt numbers (not personal data) for the staff's answer. */
export interface PurgeOutcome {
  readonly purged: number;
  readonly receiptNumbers: readonly string[];
  /** The finish time before which applications were past the retention. */
  readonly cutoff: Date;
}

/** The audit entry of one application deleted at the end of its retention: ids, dates and the period only. */
export const applicationPurgedAudit = (application: Application, input: { at: Date; actor: AuditActor; sourceIp: string | null; months: number }): AuditEntryDraft => ({
  at: input.at,
  actor: input.actor,
  action: "application.purged",
  target: { kind: "application", id: application.id },
  result: "success",
  sourceIp: input.sourceIp,
  details: {
    receiptNumber: application.receiptNumber,
    procedureId: application.procedureId,
    status: application.status,
    finishedAt: applicationFinishedAt(application)?.toISOString() ?? null,
    retentionMonths: input.months,
  },
});

const DEFAULT_BATCH_SIZE = 100;

/**
 * The applications past the retention now (up to `limit`), the earliest finished first: what the staff see
 * before a bulk deletion.
 */
export const listExpiredApplications = (deps: ApplicationRetentionDeps, months: number, limit: number): ResultAsync<readonly Application[], StorageError> =>
  deps.applications.listFinishedBefore(retentionCutoff(deps.clock.now(), months), limit);

/**
 * S4 and seed A "保存期限が経過した申請データは自動で廃棄": deletes every finished application kept longer than the
 * retention, batch by batch, each batch with one audit entry per application in its transaction. A batch that
 * meets a concurrent change (`conflict`) ends the run with what was done so far; the next run picks the rest up.
 */
export const purgeExpiredApplications = (deps: ApplicationRetentionDeps, request: PurgeRequest): ResultAsync<PurgeOutcome, StorageError> => {
  const now = deps.clock.now();
  const cutoff = retentionCutoff(now, request.months);
  const batchSize = request.batchSize ?? DEFAULT_BATCH_SIZE;
  const receiptNumbers: string[] = [];
  const done = (): PurgeOutcome => ({ purged: receiptNumbers.length, receiptNumbers, cutoff });
  const batch = (left: number): ResultAsync<PurgeOutcome, StorageError> => {
    if (left <= 0) return okAsync(done());
    return deps.applications.listFinishedBefore(cutoff, batchSize).andThen((expired) => {
      if (expired.length === 0) return okAsync(done());
      const audit = expired.map((a) => applicationPurgedAudit(a, { at: now, actor: request.actor, sourceIp: request.sourceIp, months: request.months }));
      return deps.applications
        .purge(
          expired.map((a) => ({ id: a.id, version: a.version })),
          audit,
        )
        .andThen(() => {
          receiptNumbers.push(...expired.map((a) => a.receiptNumber));
          return expired.length < batchSize ? okAsync(done()) : batch(left - 1);
        })
        .orElse((e) => (e.reason === "conflict" ? okAsync(done()) : errAsync(e)));
    });
  };
  return batch(request.maxBatches ?? Number.POSITIVE_INFINITY);
};
