import { createHash } from "node:crypto";
import { sealAuditEntries, type AuditEntry, type AuditEntryDraft, type Hasher } from "@madoguchi/core";
import type { SqlEntityManager } from "@mikro-orm/sql";
import { auditEntryRow } from "./audit-row.mapper.ts";
import { AuditEntryEntity } from "./entities/audit-entry.entity.ts";
import type { Dialect } from "./migrations/dialect.ts";

/** Transaction-scoped advisory lock key serialising audit appends on PostgreSQL. */
const AUDIT_APPEND_LOCK_KEY = 7_462_840_312;

const sha256: Hasher = { sha256Hex: (data) => createHash("sha256").update(data, "utf8").digest("hex") };

/**
 * Appends `drafts` to the audit chain inside the caller's transaction `tx`: takes the append lock,
 * reads the head, seals the drafts after it with core's `sealAuditEntries` and inserts them. The
 * lock is held until `tx` ends, so no other writer can chain to the same head.
 *
 * - PostgreSQL: `pg_advisory_xact_lock`, always taken after the application row's lock (never
 *   before), so the two locks cannot deadlock.
 * - SQLite: one connection serves one transaction at a time, so the transaction is the lock; the
 *   primary key on `seq` backs both up (a fork would be a unique violation, not a second chain).
 */
export const appendAuditEntries = async (tx: SqlEntityManager, dialect: Dialect, drafts: readonly AuditEntryDraft[]): Promise<readonly AuditEntry[]> => {
  if (drafts.length === 0) return [];
  if (dialect === "postgresql") await tx.execute(`select pg_advisory_xact_lock(${AUDIT_APPEND_LOCK_KEY})`);
  const head = await tx.findOne(AuditEntryEntity, { seq: { $gt: 0 } }, { orderBy: { seq: "desc" }, fields: ["seq", "segment", "hash"] });
  const sealed = sealAuditEntries(sha256, head === null ? null : { seq: head.seq, segment: head.segment, hash: head.hash }, drafts);
  await tx.insertMany(AuditEntryEntity, sealed.map(auditEntryRow));
  return sealed;
};
