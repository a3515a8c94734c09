import { rm } from "node:fs/promises";
import { errAsync, ResultAsync } from "neverthrow";
import type { StorageError } from "@madoguchi/core";
import { decodeConnectionOptions, type ConnectionOptions } from "./mikro-orm-store.options.ts";
import { openOrm } from "./open-orm.ts";
import { toStorageError } from "./storage-error.boundary.ts";

/** What {@link eraseDatabase} removed. */
export interface ErasedDatabase {
  /** SQLite: the files removed (database, WAL, shared memory). */
  readonly files: readonly string[];
  /** PostgreSQL: the migrations reverted, newest first (each one's `down` drops what it created). */
  readonly reverted: readonly string[];
}

/**
 * Removes every table of the store and its data, for the end of the service (seed A (3)② 「利用者データを完全に
 * 消去」). SQLite: the database file and its WAL and shared-memory files are deleted. PostgreSQL: every migration is
 * reverted, newest first, and the migrations table dropped, so nothing of the schema is left; other tables of the
 * database are not touched. The personal data was sealed under data keys wrapped by the key file: destroying that
 * file (`destroyKeyFile`) is what makes copies elsewhere — freed pages, backups — unreadable.
 */
export const eraseDatabase = (connection: ConnectionOptions): ResultAsync<ErasedDatabase, StorageError> => {
  const decoded = decodeConnectionOptions(connection);
  if (decoded.isErr()) return errAsync(decoded.error);
  const options = decoded.value;
  const operation = "mikro-orm-store.erase";
  return ResultAsync.fromPromise(
    (async (): Promise<ErasedDatabase> => {
      if (options.driver === "sqlite") {
        const files = [options.path, `${options.path}-wal`, `${options.path}-shm`];
        for (const f of files) await rm(f, { force: true });
        return { files, reverted: [] };
      }
      const db = await openOrm(options);
      try {
        const reverted = (await db.orm.migrator.down({ to: 0 })).map((m) => m.name);
        const table = db.schema === undefined ? "madoguchi_migrations" : `"${db.schema}".madoguchi_migrations`;
        await db.em().getConnection().execute(`drop table if exists ${table}`);
        return { files: [], reverted };
      } finally {
        await db.orm.close(true);
      }
    })(),
    (e) => toStorageError(operation, e),
  );
};
