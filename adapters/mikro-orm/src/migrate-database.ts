import { errAsync, ResultAsync } from "neverthrow";
import type { StorageError } from "@madoguchi/core";
import { decodeConnectionOptions, type ConnectionOptions } from "./mikro-orm-store.options.ts";
import { openOrm } from "./open-orm.ts";
import { runMigrations } from "./run-migrations.ts";
import { toStorageError } from "./storage-error.boundary.ts";

/**
 * Applies pending migrations and closes the connection; returns the names of the migrations
 * applied (empty when the schema is up to date). For `madoguchi migrate` and deploy pipelines;
 * `createMikroOrmStore` runs the same migrations on start.
 */
export const migrateDatabase = (connection: ConnectionOptions): ResultAsync<readonly string[], StorageError> => {
  const decoded = decodeConnectionOptions(connection);
  if (decoded.isErr()) return errAsync(decoded.error);
  const operation = "mikro-orm-store.migrate";
  return ResultAsync.fromPromise(
    (async () => {
      const db = await openOrm(decoded.value);
      try {
        return await runMigrations(db);
      } finally {
        await db.orm.close(true);
      }
    })(),
    (e) => toStorageError(operation, e),
  );
};
