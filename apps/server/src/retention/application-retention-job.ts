import type { Logger } from "pino";
import { applicationRetentionInForce, purgeExpiredApplications, type ApplicationStore, type Clock, type PurgeOutcome, type SettingsStore } from "@madoguchi/core";
import { periodicJob, type PeriodicJob } from "../jobs/periodic-job.ts";

/** What the retention run needs (a subset of `ServerDeps`). */
export interface ApplicationRetentionJobDeps {
  readonly applications: ApplicationStore;
  readonly settings: SettingsStore;
  readonly clock: Clock;
  readonly logger: Logger;
  /** `MADOGUCHI_APPLICATION_RETENTION_MONTHS`: in force while no administrator set the period. */
  readonly applicationRetentionMonths: number;
}

/** At most this many applications per run (10 transactions of 100); a backlog is worked off run by run. */
const MAX_BATCHES_PER_RUN = 10;

/**
 * S4, seed A "保存期限が経過した申請データは自動で廃棄できること": every run deletes the finished applications kept
 * longer than the period in force — read on each run, so an administrator's change counts from the next one.
 * When the setting cannot be read nothing is deleted (a guessed period could delete what must be kept). The
 * deletions are audited one by one in their transactions; the log gets the count only.
 */
export const createApplicationRetentionJob = (deps: ApplicationRetentionJobDeps): PeriodicJob<PurgeOutcome | null> =>
  periodicJob(
    async () => {
      const retention = await applicationRetentionInForce(deps.settings, deps.applicationRetentionMonths);
      if (retention.isErr()) {
        deps.logger.error({ err: { reason: retention.error.reason, operation: retention.error.operation } }, "application retention setting unreadable: nothing deleted");
        return null;
      }
      const purged = await purgeExpiredApplications(deps, { months: retention.value.months, actor: { kind: "system", id: null }, sourceIp: null, maxBatches: MAX_BATCHES_PER_RUN });
      if (purged.isErr()) {
        deps.logger.error({ err: { reason: purged.error.reason, operation: purged.error.operation } }, "application retention run failed");
        return null;
      }
      if (purged.value.purged > 0) deps.logger.info({ audit: true, event: "application.purged", count: purged.value.purged, retentionMonths: retention.value.months }, "applications past their retention deleted");
      return purged.value;
    },
    deps.logger,
    "application_retention.failed",
  );
