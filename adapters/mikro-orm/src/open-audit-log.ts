import { errAsync, okAsync, ResultAsync } from "neverthrow";
import type { AuditLogStore, SettingsStore, StorageError } from "@madoguchi/core";
import { mikroOrmAuditLogStore } from "./mikro-orm-audit-log-store.ts";
import { mikroOrmSettingsStore } from "./mikro-orm-settings-store.ts";
import { decodeConnectionOptions, type ConnectionOptions } from "./mikro-orm-store.options.ts";
import { openOrm } from "./open-orm.ts";
import { toStorageError } from "./storage-error.boundary.ts";

/** The audit log of a database, opened on its own. */
export interface OpenedAuditLog {
  readonly auditLog: AuditLogStore;
  /** The municipality's settings of the same database: `audit verify` reports the retention stored there. */
  readonly settings: SettingsStore;
  close(): Promise<void>;
}

/**
 * Opens only the audit log of an existing database, with its settings store beside it (settings hold
 * no personal data either) — no migrations, no KeyStore (audit entries hold no personal data, so an
 * auditor verifying a copy of the database needs no key-encryption key).
 * For `madoguchi audit verify` and `export-checkpoints`. A database without the audit tables fails
 * with the driver's error mapped to StorageError.
 */
export const openMikroOrmAuditLog = (connection: ConnectionOptions): ResultAsync<OpenedAuditLog, StorageError> => {
  const decoded = decodeConnectionOptions(connection);
  if (decoded.isErr()) return errAsync(decoded.error);
  const operation = "audit-log-store.open";
  return ResultAsync.fromPromise(openOrm(decoded.value), (e) => toStorageError(operation, e)).andThen((db) => {
    const auditLog = mikroOrmAuditLogStore(db);
    return auditLog
      .healthCheck()
      .orElse((e) => ResultAsync.fromSafePromise(db.orm.close(true)).andThen(() => errAsync(e)))
      .andThen(() => okAsync<OpenedAuditLog, StorageError>({ auditLog, settings: mikroOrmSettingsStore(db), close: () => db.orm.close(true) }));
  });
};
