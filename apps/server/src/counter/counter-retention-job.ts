import type { Logger } from "pino";
import { japanCalendarDate, type Clock, type CounterRecordStore } from "@madoguchi/core";
import { periodicJob, type PeriodicJob } from "../jobs/periodic-job.ts";

/** At most this many records per batch, and batches per run: a backlog is worked off run by run. */
const BATCH = 100;
const MAX_BATCHES_PER_RUN = 10;

/**
 * C8: the counter's records (printed forms and scans) are deleted the day after their keep-until day. Each
 * deletion is audited in its transaction (`counter.record_purged`, by the system); the log gets the count only.
 * Answers how many were deleted, or null when the store failed (the next run tries again).
 */
export const createCounterRetentionJob = (deps: { readonly records: CounterRecordStore; readonly clock: Clock; readonly logger: Logger }): PeriodicJob<number | null> =>
  periodicJob(
    async () => {
      let deleted = 0;
      for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch += 1) {
        const now = deps.clock.now();
        const purged = await deps.records.purgeExpired(japanCalendarDate(now), BATCH, (r) => ({
          at: now,
          actor: { kind: "system", id: null },
          action: "counter.record_purged",
          target: { kind: "counter_record", id: r.id },
          result: "success",
          sourceIp: null,
          details: { keepUntil: r.keepUntil },
        }));
        if (purged.isErr()) {
          deps.logger.error({ err: { reason: purged.error.reason, operation: purged.error.operation } }, "counter retention run failed");
          return null;
        }
        deleted += purged.value.length;
        if (purged.value.length < BATCH) break;
      }
      if (deleted > 0) deps.logger.info({ audit: true, event: "counter.record_purged", count: deleted }, "counter records past their retention deleted");
      return deleted;
    },
    deps.logger,
    "counter_retention.failed",
  );
