/**
 * @madoguchi/adapter-mikro-orm — the storage ports on MikroORM: SQLite (embedded profile) and
 * PostgreSQL (scale profile), with personal data encrypted per record through a KeyStore.
 */
export { createMikroOrmStore, type MikroOrmStore } from "./create-mikro-orm-store.ts";
export { migrateDatabase } from "./migrate-database.ts";
export { eraseDatabase, type ErasedDatabase } from "./erase-database.ts";
export { backupFileName, checkRestoredSqlite, isBackupArtifactName, isVerifiedBackupName, type RestoredDatabaseCheck } from "./backup-database.ts";
export { checkRestoredPostgres, dumpPostgres } from "./backup-postgres.ts";
export {
  ConnectionOptionsSchema,
  MikroOrmStoreOptionsSchema,
  PostgresqlConnectionSchema,
  SqliteConnectionSchema,
  type ConnectionOptions,
  type MikroOrmStoreOptions,
} from "./mikro-orm-store.options.ts";
export { openMikroOrmAuditLog, type OpenedAuditLog } from "./open-audit-log.ts";
