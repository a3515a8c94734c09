import { defineEntity, p, type InferEntity } from "@mikro-orm/core";

/**
 * Row of `audit_entries`: one entry of the hash-chained audit log. Holds ids and codes only (no
 * personal data), so nothing here is encrypted; `details_json` is the details object as JSON.
 */
export const AuditEntryEntity = defineEntity({
  name: "AuditEntryRow",
  tableName: "audit_entries",
  properties: {
    seq: p.integer().primary(),
    segment: p.string(),
    at: p.datetime(),
    actorKind: p.string(),
    actorId: p.string().nullable(),
    action: p.string(),
    targetKind: p.string().nullable(),
    targetId: p.string().nullable(),
    result: p.string(),
    sourceIp: p.string().nullable(),
    detailsJson: p.text(),
    hash: p.string(),
  },
});

/** A row of `audit_entries`. */
export type AuditEntryRow = InferEntity<typeof AuditEntryEntity>;

/** Row of `audit_checkpoints`: a signed checkpoint, kept after its segment expired. */
export const AuditCheckpointEntity = defineEntity({
  name: "AuditCheckpointRow",
  tableName: "audit_checkpoints",
  properties: {
    segment: p.string().primary(),
    lastSeq: p.integer().primary(),
    lastHash: p.string(),
    signedAt: p.datetime(),
    keyId: p.string().primary(),
    signature: p.text(),
  },
});

/** A row of `audit_checkpoints`. */
export type AuditCheckpointRow = InferEntity<typeof AuditCheckpointEntity>;
