import { err, ok, type Result, type ResultAsync } from "neverthrow";
import {
  assertNextVersion,
  APPLICATION_STORE_CONTRACT,
  type Application,
  type ApplicationId,
  type ApplicationPage,
  type ApplicationQuery,
  type ApplicationStore,
  type AuditEntryDraft,
  type ConcurrentModification,
  type KeyStore,
  type OutboxMessage,
  type PurgeTarget,
  type ReceiptNumber,
  type StorageError,
  storageError,
} from "@madoguchi/core";
import { IsolationLevel } from "@mikro-orm/core";
import type { SqlEntityManager } from "@mikro-orm/sql";
import { appendAuditEntries } from "./append-audit-entries.ts";
import { applicationColumns, rowToApplication } from "./application-row.mapper.ts";
import { ApplicationEntity, type ApplicationRow } from "./entities/application.entity.ts";
import { OutboxMessageEntity } from "./entities/outbox-message.entity.ts";
import type { OpenedOrm } from "./open-orm.ts";
import { insertOutbox } from "./mikro-orm-outbox-store.ts";
import { runStorageOp } from "./run-storage-op.ts";
import { keyStoreToStorageError } from "./storage-error.boundary.ts";

/** Thrown inside a purge's transaction to roll it back when a target is gone or changed. */
class PurgeConflict extends Error {}

/** KeyStore context of an application's data key (bound into the wrapping as AAD). */
const keyContext = (id: string): string => `application:${id}`;

const concurrentModification = (id: ApplicationId, expectedVersion: number): ConcurrentModification => ({
  _tag: "ConcurrentModification",
  code: "application.concurrent_modification",
  id,
  expectedVersion,
});

/**
 * {@link ApplicationStore} on MikroORM (SQLite or PostgreSQL) with envelope encryption: each
 * application gets its own data key from the KeyStore at insert; updates reuse it (unwrapped from
 * the row). Writes go through MikroORM's native insert/update (no unit of work): an update is
 * `UPDATE … WHERE id = ? AND version = ?` inside the transaction that also writes the outbox and the
 * audit entries (chained after the log's head under the append lock), and its affected-row count
 * decides — never an earlier read.
 */
export const mikroOrmApplicationStore = (db: OpenedOrm, keyStore: KeyStore): ApplicationStore => {
  const decrypt = async (operation: string, row: ApplicationRow): Promise<Result<Application, StorageError>> => {
    const key = await keyStore.unwrapDataKey(row.wrappedKey, row.keyVersion, keyContext(row.id));
    if (key.isErr()) return err(keyStoreToStorageError(operation, key.error));
    const app = rowToApplication(row, key.value);
    key.value.fill(0);
    return typeof app === "string" ? err(storageError(operation, "corrupt", `stored application is unreadable (${app})`)) : ok(app);
  };

  const findOne = (operation: string, where: Partial<Pick<ApplicationRow, "id" | "receiptNumber" | "submissionKey">>) =>
    runStorageOp(operation, async (): Promise<Result<Application | null, StorageError>> => {
      const row = await db.em().findOne(ApplicationEntity, where);
      return row === null ? ok(null) : decrypt(operation, row);
    });

  return {
    meta: { contract: APPLICATION_STORE_CONTRACT, name: `mikro-orm-${db.dialect}`, capabilities: new Set() },

    insert: (application: Application, outbox: readonly OutboxMessage[], audit: readonly AuditEntryDraft[] = []): ResultAsync<void, StorageError> => {
      const op = "application-store.insert";
      return runStorageOp(op, async (): Promise<Result<void, StorageError>> => {
        const key = await keyStore.generateDataKey(keyContext(application.id));
        if (key.isErr()) return err(keyStoreToStorageError(op, key.error));
        const { plaintext, wrapped, keyVersion } = key.value;
        const row = { id: application.id, wrappedKey: wrapped, keyVersion, ...applicationColumns(application, plaintext, keyVersion) };
        plaintext.fill(0);
        await db.em().transactional(async (tx) => {
          await tx.insert(ApplicationEntity, row);
          await insertOutbox(tx, outbox);
          await appendAuditEntries(tx, db.dialect, audit);
        });
        return ok(undefined);
      });
    },

    update: (
      application: Application,
      expectedVersion: number,
      outbox: readonly OutboxMessage[],
      audit: readonly AuditEntryDraft[] = [],
    ): ResultAsync<void, StorageError | ConcurrentModification> => {
      assertNextVersion(application, expectedVersion);
      const op = "application-store.update";
      return runStorageOp(op, async (): Promise<Result<void, StorageError | ConcurrentModification>> => {
        // The data key never changes for a row, so reading it before the transaction is safe; the
        // version check happens in the UPDATE itself.
        const keyRow = await db.em().findOne(ApplicationEntity, { id: application.id }, { fields: ["id", "wrappedKey", "keyVersion"] });
        if (keyRow === null) return err(concurrentModification(application.id, expectedVersion));
        const key = await keyStore.unwrapDataKey(keyRow.wrappedKey, keyRow.keyVersion, keyContext(application.id));
        if (key.isErr()) return err(keyStoreToStorageError(op, key.error));
        const columns = applicationColumns(application, key.value, keyRow.keyVersion);
        key.value.fill(0);
        const updated = await db.em().transactional(async (tx) => {
          const affected = await tx.nativeUpdate(ApplicationEntity, { id: application.id, version: expectedVersion }, columns);
          if (affected !== 1) return false;
          await insertOutbox(tx, outbox);
          await appendAuditEntries(tx, db.dialect, audit);
          return true;
        });
        return updated ? ok(undefined) : err(concurrentModification(application.id, expectedVersion));
      });
    },

    findById: (id: ApplicationId) => findOne("application-store.findById", { id }),
    findByReceiptNumber: (receiptNumber: ReceiptNumber) => findOne("application-store.findByReceiptNumber", { receiptNumber }),
    findBySubmissionKey: (submissionKey: string) => findOne("application-store.findBySubmissionKey", { submissionKey }),

    list: (query: ApplicationQuery): ResultAsync<ApplicationPage, StorageError> => {
      const op = "application-store.list";
      return runStorageOp(op, async (): Promise<Result<ApplicationPage, StorageError>> => {
        // An empty filter matches nothing (not "no filter"); answer without asking the database.
        if (query.statuses?.length === 0 || query.procedureIds?.length === 0) return ok({ items: [], total: 0 });
        const where = {
          ...(query.statuses === undefined ? {} : { status: { $in: [...query.statuses] } }),
          ...(query.procedureIds === undefined ? {} : { procedureId: { $in: [...query.procedureIds] } }),
          ...(query.residentAccountId === undefined ? {} : { residentAccountId: query.residentAccountId }),
        };
        // Rows and count from one snapshot, so the page and its total agree under concurrent writes.
        const [rows, total] = await db.em().transactional(
          (tx) =>
            tx.findAndCount(ApplicationEntity, where, {
              orderBy: [{ submittedAt: "desc" }, { id: "asc" }],
              limit: query.limit,
              offset: query.offset,
            }),
          db.dialect === "postgresql" ? { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true } : {},
        );
        const items: Application[] = [];
        for (const row of rows) {
          const app = await decrypt(op, row);
          if (app.isErr()) return err(app.error);
          items.push(app.value);
        }
        return ok({ items, total });
      });
    },

    listFinishedBefore: (before: Date, limit: number): ResultAsync<readonly Application[], StorageError> => {
      const op = "application-store.listFinishedBefore";
      return runStorageOp(op, async (): Promise<Result<readonly Application[], StorageError>> => {
        const rows = await db.em().find(ApplicationEntity, { finishedAt: { $ne: null, $lt: before } }, { orderBy: [{ finishedAt: "asc" }, { id: "asc" }], limit });
        const items: Application[] = [];
        for (const row of rows) {
          const app = await decrypt(op, row);
          if (app.isErr()) return err(app.error);
          items.push(app.value);
        }
        return ok(items);
      });
    },

    purge: (targets: readonly PurgeTarget[], audit: readonly AuditEntryDraft[]): ResultAsync<void, StorageError> => {
      const op = "application-store.purge";
      return runStorageOp(op, async (): Promise<Result<void, StorageError>> => {
        if (new Set(targets.map((t) => t.id)).size !== targets.length) return err(storageError(op, "conflict", "an application is named twice"));
        // Deleting the row deletes its wrapped data key with it: a copy of the ciphertext elsewhere (a freed page,
        // a backup) no longer has a key in this database. SQLite overwrites freed pages (secure_delete).
        const purged = await db.em().transactional(async (tx) => {
          for (const t of targets) {
            const affected = await tx.nativeDelete(ApplicationEntity, { id: t.id, version: t.version });
            if (affected !== 1) throw new PurgeConflict();
          }
          await tx.nativeDelete(OutboxMessageEntity, { applicationId: { $in: targets.map((t) => t.id) } });
          await appendAuditEntries(tx, db.dialect, audit);
        }).then(
          () => true,
          (e: unknown) => {
            if (e instanceof PurgeConflict) return false;
            throw e;
          },
        );
        if (!purged) return err(storageError(op, "conflict", "an application to purge is gone or changed"));
        // The WAL still holds the pages as they were before the delete: copy the zeroed pages into the file and
        // truncate the log, so the purged rows are gone from the disk too, not only from the database's view.
        if (db.dialect === "sqlite") await db.em().getConnection().execute("pragma wal_checkpoint(truncate)");
        return ok(undefined);
      });
    },

    healthCheck: (): ResultAsync<void, StorageError> =>
      runStorageOp("application-store.healthCheck", async (): Promise<Result<void, StorageError>> => {
        await db.em().getConnection().execute("select 1");
        const keys = await keyStore.healthCheck();
        return keys.isErr() ? err(keyStoreToStorageError("application-store.healthCheck", keys.error)) : ok(undefined);
      }),

    close: () => db.orm.close(true),
  };
};
