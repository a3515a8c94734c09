import { err, ok, type Result, type ResultAsync } from "neverthrow";
import {
  AUDIT_LOG_STORE_CONTRACT,
  storageError,
  type AuditChainHead,
  type AuditCheckpoint,
  type AuditEntry,
  type AuditEntryDraft,
  type AuditLogStore,
  type AuditQuery,
  type AuditSegmentSummary,
  type StorageError,
} from "@madoguchi/core";
import { appendAuditEntries } from "./append-audit-entries.ts";
import { checkpointRow, rowToAuditEntry, rowToCheckpoint } from "./audit-row.mapper.ts";
import { AuditCheckpointEntity, AuditEntryEntity } from "./entities/audit-entry.entity.ts";
import type { OpenedOrm } from "./open-orm.ts";
import { runStorageOp } from "./run-storage-op.ts";

/** `audit_entries`, qualified with the PostgreSQL schema when there is one (raw SQL gets no schema from the ORM). */
const entriesTable = (db: OpenedOrm): string => (db.schema === undefined ? "audit_entries" : `"${db.schema}".audit_entries`);

/** The WHERE of a query (every criterion given must match). */
const whereOf = (q: AuditQuery) => ({
  seq: { $gt: q.afterSeq },
  ...(q.actor === undefined ? {} : { actorKind: q.actor.kind, actorId: q.actor.id }),
  ...(q.actions === undefined ? {} : { action: { $in: [...q.actions] } }),
  ...(q.target === undefined ? {} : { targetKind: q.target.kind, targetId: q.target.id }),
  ...(q.from === undefined && q.to === undefined
    ? {}
    : { at: { ...(q.from === undefined ? {} : { $gte: q.from }), ...(q.to === undefined ? {} : { $lt: q.to }) } }),
});

/**
 * {@link AuditLogStore} on MikroORM (SQLite or PostgreSQL). Appends go through
 * {@link appendAuditEntries} in their own transaction — the same function the application store
 * calls inside its writes, so both chain alike and take the same lock.
 */
export const mikroOrmAuditLogStore = (db: OpenedOrm): AuditLogStore => ({
  meta: { contract: AUDIT_LOG_STORE_CONTRACT, name: `mikro-orm-${db.dialect}`, capabilities: new Set() },

  append: (drafts: readonly AuditEntryDraft[]): ResultAsync<readonly AuditEntry[], StorageError> =>
    runStorageOp("audit-log-store.append", async (): Promise<Result<readonly AuditEntry[], StorageError>> =>
      ok(drafts.length === 0 ? [] : await db.em().transactional((tx) => appendAuditEntries(tx, db.dialect, drafts))),
    ),

  head: (): ResultAsync<AuditChainHead | null, StorageError> =>
    runStorageOp("audit-log-store.head", async (): Promise<Result<AuditChainHead | null, StorageError>> => {
      const row = await db.em().findOne(AuditEntryEntity, { seq: { $gt: 0 } }, { orderBy: { seq: "desc" }, fields: ["seq", "segment", "hash"] });
      return ok(row === null ? null : { seq: row.seq, segment: row.segment, hash: row.hash });
    }),

  read: (query: AuditQuery): ResultAsync<readonly AuditEntry[], StorageError> =>
    runStorageOp("audit-log-store.read", async (): Promise<Result<readonly AuditEntry[], StorageError>> => {
      // An empty action list matches nothing (not "no filter"); answer without asking the database.
      if (query.actions?.length === 0) return ok([]);
      const rows = await db.em().find(AuditEntryEntity, whereOf(query), { orderBy: { seq: "asc" }, limit: query.limit });
      return ok(rows.map(rowToAuditEntry));
    }),

  segments: (): ResultAsync<readonly AuditSegmentSummary[], StorageError> =>
    runStorageOp("audit-log-store.segments", async (): Promise<Result<readonly AuditSegmentSummary[], StorageError>> => {
      const rows = await db
        .em()
        .execute<{ segment: string; first_seq: number | string; last_seq: number | string; entries: number | string }[]>(
          `select segment, min(seq) as first_seq, max(seq) as last_seq, count(*) as entries from ${entriesTable(db)} group by segment order by min(seq)`,
        );
      return ok(rows.map((r) => ({ segment: r.segment, firstSeq: Number(r.first_seq), lastSeq: Number(r.last_seq), entries: Number(r.entries) })));
    }),

  saveCheckpoint: (checkpoint: AuditCheckpoint): ResultAsync<void, StorageError> =>
    runStorageOp("audit-log-store.saveCheckpoint", async (): Promise<Result<void, StorageError>> => {
      await db.em().insert(AuditCheckpointEntity, checkpointRow(checkpoint));
      return ok(undefined);
    }),

  checkpoints: (): ResultAsync<readonly AuditCheckpoint[], StorageError> =>
    runStorageOp("audit-log-store.checkpoints", async (): Promise<Result<readonly AuditCheckpoint[], StorageError>> => {
      const rows = await db.em().find(AuditCheckpointEntity, {}, { orderBy: [{ lastSeq: "asc" }, { keyId: "asc" }] });
      return ok(rows.map(rowToCheckpoint));
    }),

  deleteSegment: (segment: string): ResultAsync<number, StorageError> => {
    const op = "audit-log-store.deleteSegment";
    return runStorageOp(op, async (): Promise<Result<number, StorageError>> =>
      db.em().transactional(async (tx): Promise<Result<number, StorageError>> => {
        const head = await tx.findOne(AuditEntryEntity, { seq: { $gt: 0 } }, { orderBy: { seq: "desc" }, fields: ["seq", "segment"] });
        if (head?.segment === segment) return err(storageError(op, "conflict", "the newest segment holds the chain's head and cannot be deleted"));
        return ok(await tx.nativeDelete(AuditEntryEntity, { segment }));
      }),
    );
  },

  healthCheck: (): ResultAsync<void, StorageError> =>
    runStorageOp("audit-log-store.healthCheck", async (): Promise<Result<void, StorageError>> => {
      await db.em().execute(`select 1 from ${entriesTable(db)} limit 1`);
      return ok(undefined);
    }),
});
