import type { AuditAction, AuditActor, AuditCheckpoint, AuditDetails, AuditEntry, AuditResult, AuditTarget } from "@madoguchi/core";
import type { AuditCheckpointRow, AuditEntryRow } from "./entities/audit-entry.entity.ts";

/** The row of an entry. */
export const auditEntryRow = (e: AuditEntry): AuditEntryRow => ({
  seq: e.seq,
  segment: e.segment,
  at: e.at,
  actorKind: e.actor.kind,
  actorId: e.actor.id,
  action: e.action,
  targetKind: e.target?.kind ?? null,
  targetId: e.target?.id ?? null,
  result: e.result,
  sourceIp: e.sourceIp,
  detailsJson: JSON.stringify(e.details),
  hash: e.hash,
});

/**
 * The entry of a row, as stored: values are not checked against the closed unions here, because a
 * tampered row must reach verification (which reports it) rather than fail to load.
 */
export const rowToAuditEntry = (row: AuditEntryRow): AuditEntry => ({
  seq: row.seq,
  segment: row.segment,
  at: row.at,
  actor: { kind: row.actorKind as AuditActor["kind"], id: row.actorId ?? null },
  action: row.action as AuditAction,
  target: row.targetKind === null || row.targetKind === undefined ? null : { kind: row.targetKind as AuditTarget["kind"], id: row.targetId ?? "" },
  result: row.result as AuditResult,
  sourceIp: row.sourceIp ?? null,
  details: JSON.parse(row.detailsJson) as AuditDetails,
  hash: row.hash,
});

/** The row of a checkpoint. */
export const checkpointRow = (c: AuditCheckpoint): AuditCheckpointRow => ({ ...c });

/** The checkpoint of a row. */
export const rowToCheckpoint = (row: AuditCheckpointRow): AuditCheckpoint => ({
  segment: row.segment,
  lastSeq: row.lastSeq,
  lastHash: row.lastHash,
  signedAt: row.signedAt,
  keyId: row.keyId,
  signature: row.signature,
});
