import type { AuditCheckpoint } from "./audit-checkpoint.ts";
import type { AuditSegmentSummary } from "./audit-log-store.port.ts";

/** Access logs are kept 3 years unless an administrator sets another period (SECURITY.md, seed B). */
export const DEFAULT_AUDIT_RETENTION_MONTHS = 36;

/** The first instant after which a segment (`YYYY-MM`) has been kept `months` full months past its end. */
export const segmentExpiresAt = (segment: string, months: number): Date => {
  const year = Number(segment.slice(0, 4));
  const month = Number(segment.slice(5, 7)) - 1;
  return new Date(Date.UTC(year, month + 1 + months, 1));
};

/**
 * The segments retention may delete at `now`, oldest first: a prefix of the log whose segments all
 * ended more than `months` months ago, each sealed by a checkpoint at its last entry (so verification
 * can start after it), and never the newest segment (the head stays, or the chain could not continue).
 */
export const expiredSegments = (
  segments: readonly AuditSegmentSummary[],
  checkpoints: readonly AuditCheckpoint[],
  now: Date,
  months: number,
): readonly AuditSegmentSummary[] => {
  const sealed = new Set(checkpoints.map((cp) => `${cp.segment}#${cp.lastSeq}`));
  const ordered = [...segments].sort((a, b) => a.firstSeq - b.firstSeq);
  const expired: AuditSegmentSummary[] = [];
  for (const s of ordered.slice(0, -1)) {
    if (now.getTime() < segmentExpiresAt(s.segment, months).getTime() || !sealed.has(`${s.segment}#${s.lastSeq}`)) break;
    expired.push(s);
  }
  return expired;
};
