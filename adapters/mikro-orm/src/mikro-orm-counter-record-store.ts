import { err, ok, type Result } from "neverthrow";
import { IsolationLevel } from "@mikro-orm/core";
import type { SqlEntityManager } from "@mikro-orm/sql";
import {
  COUNTER_RECORD_STORE_CONTRACT,
  storageError,
  type CounterDocumentInfo,
  type CounterRecord,
  type CounterRecordStore,
  type KeyStore,
  type NewCounterDocument,
  type StorageError,
} from "@madoguchi/core";
import { appendAuditEntries } from "./append-audit-entries.ts";
import {
  counterKeyContext,
  DOCUMENT_INFO_COLUMNS,
  DOCUMENT_PDF_COLUMNS,
  documentInfoOf,
  documentPdfRowOf,
  openDocument,
  RECORD_COLUMNS,
  recordOf,
  recordRowOf,
  sealDocument,
  sealSummary,
  type CounterRecordRow,
} from "./counter-record-row.mapper.ts";
import type { OpenedOrm } from "./open-orm.ts";
import { runStorageOp } from "./run-storage-op.ts";
import { keyStoreToStorageError } from "./storage-error.boundary.ts";

/** A table name, qualified with the PostgreSQL schema when there is one (raw SQL gets no schema from the ORM). */
const table = (db: OpenedOrm, name: string): string => (db.schema === undefined ? name : `"${db.schema}".${name}`);

/** A limit as SQL takes it: a whole number, never negative. */
const rowLimit = (limit: number): number => Math.max(0, Math.floor(limit));

const DOCUMENT_COLUMNS = "record_id, id, seq, kind, title, added_at_ms, added_by, byte_length, sealed_pdf";

/**
 * {@link CounterRecordStore} on MikroORM (SQLite and PostgreSQL), migration 0017. Raw SQL with bound parameters.
 * Each record gets a data key of its own from the KeyStore at `create`; its summary and every PDF are sealed
 * under it (AES-256-GCM, bound to the record, the part and the key version), so a row's ciphertext opens in no
 * other row, and deleting the record — its wrapped key with it — is the crypto erase of every copy. Writes are
 * one transaction each with their audit entries, the record's row before the audit lock (as the other stores).
 */
export const mikroOrmCounterRecordStore = (db: OpenedOrm, keyStore: KeyStore): CounterRecordStore => {
  const records = table(db, "counter_records");
  const documents = table(db, "counter_documents");
  const postgresql = db.dialect === "postgresql";
  /** Row locks exist on PostgreSQL only; SQLite's one connection runs one transaction at a time. */
  const forUpdate = postgresql ? " for update" : "";
  const corrupt = (operation: string) => err(storageError(operation, "corrupt", "a counter record is unreadable"));

  /** Reads in one snapshot, so a record and its documents agree while others write. */
  const snapshot = <T>(work: (tx: SqlEntityManager) => Promise<T>): Promise<T> =>
    db.em().transactional(work, postgresql ? { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true } : {});

  const unwrap = async (operation: string, recordId: string, wrapped: Uint8Array, keyVersion: number): Promise<Result<Uint8Array, StorageError>> => {
    const key = await keyStore.unwrapDataKey(wrapped, keyVersion, counterKeyContext(recordId));
    return key.isErr() ? err(keyStoreToStorageError(operation, key.error)) : ok(key.value);
  };

  /** The records of `recordRows`, decrypted, with their documents' infos from `documentRows` (in `seq` order). */
  const recordsOf = async (operation: string, recordRows: readonly unknown[], documentRows: readonly unknown[]): Promise<Result<CounterRecord[], StorageError>> => {
    const byRecord = new Map<string, CounterDocumentInfo[]>();
    for (const raw of documentRows) {
      const doc = documentInfoOf(raw);
      if (doc === null) return corrupt(operation);
      const kept = byRecord.get(doc.recordId);
      if (kept === undefined) byRecord.set(doc.recordId, [doc.info]);
      else kept.push(doc.info);
    }
    const out: CounterRecord[] = [];
    for (const raw of recordRows) {
      const row = recordRowOf(raw);
      if (row === null) return corrupt(operation);
      const key = await unwrap(operation, row.id, row.wrapped_key, Number(row.key_version));
      if (key.isErr()) return err(key.error);
      const record = recordOf(row, byRecord.get(row.id) ?? [], key.value);
      key.value.fill(0);
      if (record === null) return corrupt(operation);
      out.push(record);
    }
    return ok(out);
  };

  /**
   * Reads a record's row and seals something under the record's data key (zeroed after), before any transaction (the
   * KeyStore may be slow): null when there is no such record, `corrupt` when the row — or what `seal` reads of it —
   * cannot be read.
   */
  const sealUnderRecordKey = async <T>(
    operation: string,
    recordId: string,
    seal: (row: CounterRecordRow, dataKey: Uint8Array) => T | null,
  ): Promise<Result<{ readonly row: CounterRecordRow; readonly sealed: T } | null, StorageError>> => {
    const raw = (await db.em().execute(`select ${RECORD_COLUMNS} from ${records} where id = ?`, [recordId]))[0];
    if (raw === undefined) return ok(null);
    const row = recordRowOf(raw);
    if (row === null) return corrupt(operation);
    const key = await unwrap(operation, recordId, row.wrapped_key, Number(row.key_version));
    if (key.isErr()) return err(key.error);
    try {
      const sealed = seal(row, key.value);
      return sealed === null ? corrupt(operation) : ok({ row, sealed });
    } finally {
      key.value.fill(0);
    }
  };

  const insertDocument = (tx: SqlEntityManager, recordId: string, seq: number, doc: NewCounterDocument, sealedPdf: Uint8Array) =>
    tx.execute(
      `insert into ${documents} (${DOCUMENT_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [recordId, doc.id, seq, doc.kind, doc.title, doc.addedAt.getTime(), doc.addedBy, doc.byteLength, Buffer.from(sealedPdf)],
      "run",
    );

  return {
    meta: { contract: COUNTER_RECORD_STORE_CONTRACT, name: `mikro-orm-${db.dialect}`, capabilities: new Set() },

    create: (record, form, audit) => {
      const op = "counter-record-store.create";
      return runStorageOp(op, async (): Promise<Result<void, StorageError>> => {
        // Sealed before any statement: the KeyStore may be slow, and a transaction should not wait on it.
        const key = await keyStore.generateDataKey(counterKeyContext(record.id));
        if (key.isErr()) return err(keyStoreToStorageError(op, key.error));
        const { plaintext, wrapped, keyVersion } = key.value;
        let summary: Uint8Array, pdf: Uint8Array;
        try {
          summary = sealSummary(plaintext, record, keyVersion);
          pdf = sealDocument(plaintext, record.id, form.id, keyVersion, form.pdf);
        } finally {
          plaintext.fill(0);
        }
        // A taken id or confirmation number violates a unique index: the transaction rolls back (no audit entry)
        // and the storage boundary answers `conflict`.
        await db.em().transactional(async (tx) => {
          await tx.execute(
            `insert into ${records} (${RECORD_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            [record.id, record.confirmationNumber, record.kind, record.createdAt.getTime(), record.createdBy, record.keepUntil, keyVersion, Buffer.from(wrapped), Buffer.from(summary)],
            "run",
          );
          await insertDocument(tx, record.id, 1, form, pdf);
          await appendAuditEntries(tx, db.dialect, audit);
        });
        return ok(undefined);
      });
    },

    attach: (recordId, document, audit) => {
      const op = "counter-record-store.attach";
      return runStorageOp(op, async (): Promise<Result<boolean, StorageError>> => {
        const read = await sealUnderRecordKey(op, recordId, (row, dataKey) => sealDocument(dataKey, recordId, document.id, Number(row.key_version), document.pdf));
        if (read.isErr()) return err(read.error);
        if (read.value === null) return ok(false);
        const { row, sealed: pdf } = read.value;
        const outcome = await db.em().transactional(async (tx): Promise<"gone" | "replaced" | "attached"> => {
          // The record's row lock (PostgreSQL) numbers concurrent attaches one after the other and holds a purge
          // off until this commits. The key was read before the transaction: check it is still the record's (a
          // record purged and created again under the same id has another).
          const current = (await tx.execute(`select wrapped_key from ${records} where id = ?${forUpdate}`, [recordId]))[0];
          if (current === undefined) return "gone";
          if (!(current["wrapped_key"] instanceof Uint8Array) || !Buffer.from(current["wrapped_key"]).equals(Buffer.from(row.wrapped_key))) return "replaced";
          const next = (await tx.execute(`select coalesce(max(seq), 0) + 1 as seq from ${documents} where record_id = ?`, [recordId]))[0];
          await insertDocument(tx, recordId, Number(next?.["seq"] ?? 1), document, pdf);
          await appendAuditEntries(tx, db.dialect, audit);
          return "attached";
        });
        if (outcome === "replaced") return err(storageError(op, "conflict", "the record was replaced meanwhile"));
        return ok(outcome === "attached");
      });
    },

    changeMemo: (recordId, memo, audit) => {
      const op = "counter-record-store.changeMemo";
      return runStorageOp(op, async (): Promise<Result<boolean, StorageError>> => {
        const read = await sealUnderRecordKey(op, recordId, (row, dataKey) => {
          const record = recordOf(row, [], dataKey);
          return record === null ? null : sealSummary(dataKey, { id: recordId, summary: { ...record.summary, memo } }, Number(row.key_version));
        });
        if (read.isErr()) return err(read.error);
        if (read.value === null) return ok(false);
        const { row, sealed: summary } = read.value;
        const outcome = await db.em().transactional(async (tx): Promise<"gone" | "changed" | "replaced"> => {
          // Only over the summary that was read: a memo changed meanwhile by someone else (or a record purged and
          // created again under the same id) is not overwritten with a summary built from the older one.
          const current = (await tx.execute(`select sealed_summary from ${records} where id = ?${forUpdate}`, [recordId]))[0];
          if (current === undefined) return "gone";
          if (!(current["sealed_summary"] instanceof Uint8Array) || !Buffer.from(current["sealed_summary"]).equals(Buffer.from(row.sealed_summary))) return "replaced";
          await tx.execute(`update ${records} set sealed_summary = ? where id = ?`, [Buffer.from(summary), recordId], "run");
          await appendAuditEntries(tx, db.dialect, audit);
          return "changed";
        });
        if (outcome === "replaced") return err(storageError(op, "conflict", "the record changed meanwhile"));
        return ok(outcome === "changed");
      });
    },

    get: (id) => {
      const op = "counter-record-store.get";
      return runStorageOp(op, async (): Promise<Result<CounterRecord | null, StorageError>> => {
        const [rows, docs] = await snapshot(async (tx) => [
          await tx.execute(`select ${RECORD_COLUMNS} from ${records} where id = ?`, [id]),
          await tx.execute(`select ${DOCUMENT_INFO_COLUMNS} from ${documents} where record_id = ? order by seq`, [id]),
        ]);
        if (rows.length === 0) return ok(null);
        const found = await recordsOf(op, rows, docs);
        return found.isErr() ? err(found.error) : ok(found.value[0] ?? null);
      });
    },

    list: ({ from, to, limit }) => {
      const op = "counter-record-store.list";
      return runStorageOp(op, async (): Promise<Result<readonly CounterRecord[], StorageError>> => {
        const n = rowLimit(limit);
        if (n === 0) return ok([]);
        // Newest first, the (created_at_ms, id) index read backwards; the page's documents come in one query.
        const range = "where created_at_ms >= ? and created_at_ms < ? order by created_at_ms desc, id desc limit ?";
        const params = [from.getTime(), to.getTime(), n];
        const [rows, docs] = await snapshot(async (tx) => [
          await tx.execute(`select ${RECORD_COLUMNS} from ${records} ${range}`, params),
          await tx.execute(`select ${DOCUMENT_INFO_COLUMNS} from ${documents} where record_id in (select id from ${records} ${range}) order by record_id, seq`, params),
        ]);
        return recordsOf(op, rows, docs);
      });
    },

    readDocument: (recordId, documentId) => {
      const op = "counter-record-store.readDocument";
      return runStorageOp(op, async (): Promise<Result<Uint8Array | null, StorageError>> => {
        const raw = (
          await db
            .em()
            .execute(`select ${DOCUMENT_PDF_COLUMNS} from ${documents} d join ${records} r on r.id = d.record_id where d.record_id = ? and d.id = ?`, [recordId, documentId])
        )[0];
        if (raw === undefined) return ok(null);
        const row = documentPdfRowOf(raw);
        if (row === null) return corrupt(op);
        const key = await unwrap(op, recordId, row.wrapped_key, Number(row.key_version));
        if (key.isErr()) return err(key.error);
        const pdf = openDocument(key.value, recordId, documentId, Number(row.key_version), row.sealed_pdf);
        key.value.fill(0);
        return pdf === null ? corrupt(op) : ok(pdf);
      });
    },

    purgeExpired: (today, limit, audit) => {
      const op = "counter-record-store.purgeExpired";
      return runStorageOp(op, async (): Promise<Result<readonly string[], StorageError>> => {
        const n = rowLimit(limit);
        if (n === 0) return ok([]);
        const purged = await db.em().transactional(async (tx) => {
          // Oldest keep-until first; on PostgreSQL the rows stay locked until the deletes commit, so an attach
          // waiting on one of them finds it gone.
          const rows = await tx.execute(`select id, keep_until from ${records} where keep_until < ? order by keep_until, id limit ?${forUpdate}`, [today, n]);
          const expired = rows.map((r) => ({ id: String(r["id"]), keepUntil: String(r["keep_until"]) }));
          // Deleting the row deletes its wrapped data key, and its documents by cascade: the crypto erase of any
          // copy of their ciphertext. SQLite overwrites the freed pages (secure_delete).
          for (const r of expired) await tx.execute(`delete from ${records} where id = ?`, [r.id], "run");
          await appendAuditEntries(
            tx,
            db.dialect,
            expired.map((r) => audit(r)),
          );
          return expired.map((r) => r.id);
        });
        // The WAL still holds the pages as they were before the deletes: checkpoint them into the file (zeroed)
        // and truncate the log, so the purged records are gone from the disk too.
        if (purged.length > 0 && !postgresql) await db.em().getConnection().execute("pragma wal_checkpoint(truncate)");
        return ok(purged);
      });
    },

    healthCheck: () =>
      runStorageOp("counter-record-store.healthCheck", async (): Promise<Result<void, StorageError>> => {
        await db.em().execute(`select 1 from ${records} where 1 = 0`);
        await db.em().execute(`select 1 from ${documents} where 1 = 0`);
        const keys = await keyStore.healthCheck();
        return keys.isErr() ? err(keyStoreToStorageError("counter-record-store.healthCheck", keys.error)) : ok(undefined);
      }),
  };
};
