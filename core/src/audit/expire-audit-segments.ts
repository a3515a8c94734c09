import { okAsync, type ResultAsync } from "neverthrow";
import type { Clock } from "../shared/clock.port.ts";
import type { StorageError } from "../shared/storage.errors.ts";
import type { AuditLogStore } from "./audit-log-store.port.ts";
import { expiredSegments } from "./audit-retention.ts";

/** Ports used by {@link expireAuditSegments}. */
export interface ExpireAuditSegmentsDeps {
  readonly auditLog: AuditLogStore;
  readonly clock: Clock;
}

/** What retention removed. */
export interface ExpiredAuditSegments {
  readonly segments: readonly string[];
  readonly entries: number;
}

/**
 * Retention: deletes the whole segments older than `retentionMonths` (3 years by default, set by an
 * administrator) that a checkpoint seals, oldest first; their checkpoints stay, so the kept chain
 * still verifies from the last deleted segment's checkpoint. The deletion itself is audited.
 */
export const expireAuditSegments = (
  deps: ExpireAuditSegmentsDeps,
  retentionMonths: number,
): ResultAsync<ExpiredAuditSegments, StorageError> =>
  deps.auditLog.segments().andThen((segments) =>
    deps.auditLog.checkpoints().andThen((checkpoints) => {
      const now = deps.clock.now();
      const expired = expiredSegments(segments, checkpoints, now, retentionMonths);
      if (expired.length === 0) return okAsync({ segments: [], entries: 0 });
      let chain: ResultAsync<number, StorageError> = okAsync(0);
      for (const s of expired) chain = chain.andThen((total) => deps.auditLog.deleteSegment(s.segment).map((n) => total + n));
      return chain.andThen((entries) => {
        const names = expired.map((s) => s.segment);
        return deps.auditLog
          .append([
            {
              at: now,
              actor: { kind: "system", id: null },
              action: "audit.segments_expired",
              target: { kind: "audit_log", id: "audit-log" },
              result: "success",
              sourceIp: null,
              details: { segments: names.join(","), entries, retentionMonths },
            },
          ])
          .map(() => ({ segments: names, entries }));
      });
    }),
  );
