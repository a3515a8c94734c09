import { ok, type Result, type ResultAsync } from "neverthrow";
import { raw } from "@mikro-orm/core";
import type { SqlEntityManager } from "@mikro-orm/sql";
import type { OutboxEntry, OutboxMessage, OutboxStore, StorageError } from "@madoguchi/core";
import { OutboxMessageEntity } from "./entities/outbox-message.entity.ts";
import type { OpenedOrm } from "./open-orm.ts";
import { outboxRow, rowToOutboxEntry } from "./outbox-row.mapper.ts";
import { runStorageOp } from "./run-storage-op.ts";

/** Writes new messages inside the caller's transaction (an application change or a fee change); a taken id fails it. */
export const insertOutbox = async (em: SqlEntityManager, outbox: readonly OutboxMessage[]): Promise<void> => {
  if (outbox.length > 0) await em.insertMany(OutboxMessageEntity, outbox.map(outboxRow));
};

/**
 * {@link OutboxStore} on MikroORM. Acknowledging an unknown id changes nothing and is not an error:
 * delivery is at-least-once, and a purge may have removed the message meanwhile.
 */
export const mikroOrmOutboxStore = (db: OpenedOrm): OutboxStore => ({
  due: (now: Date, limit: number): ResultAsync<readonly OutboxEntry[], StorageError> =>
    runStorageOp("outbox-store.due", async (): Promise<Result<readonly OutboxEntry[], StorageError>> => {
      const rows = await db.em().find(
        OutboxMessageEntity,
        { sentAt: null, nextAttemptAt: { $lte: now } },
        { orderBy: [{ createdAt: "asc" }, { id: "asc" }], limit },
      );
      return ok(rows.map(rowToOutboxEntry));
    }),

  markSent: (id: string, at: Date): ResultAsync<void, StorageError> =>
    runStorageOp("outbox-store.markSent", async (): Promise<Result<void, StorageError>> => {
      await db.em().nativeUpdate(OutboxMessageEntity, { id }, { sentAt: at });
      return ok(undefined);
    }),

  markFailed: (id: string, nextAttemptAt: Date, error: string): ResultAsync<void, StorageError> =>
    runStorageOp("outbox-store.markFailed", async (): Promise<Result<void, StorageError>> => {
      // Incremented in SQL, so two relays failing the same message at once both count.
      await db.em().nativeUpdate(OutboxMessageEntity, { id }, { attempts: raw<number>("attempts + 1"), nextAttemptAt, lastError: error });
      return ok(undefined);
    }),
});
