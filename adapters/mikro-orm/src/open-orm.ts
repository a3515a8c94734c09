import { mkdir, open } from "node:fs/promises";
import { dirname } from "node:path";
import { MikroORM, type IDatabaseDriver, type Options } from "@mikro-orm/core";
import { Migrator } from "@mikro-orm/migrations";
import type { SqlEntityManager } from "@mikro-orm/sql";
import { entities } from "./entities/entities.ts";
import type { Dialect } from "./migrations/dialect.ts";
import { migrationsFor } from "./migrations/migrations-list.ts";
import type { ConnectionOptions } from "./mikro-orm-store.options.ts";

/** An initialised ORM and what the store needs to know about it. */
export interface OpenedOrm {
  readonly orm: MikroORM;
  readonly dialect: Dialect;
  /** Schema name on PostgreSQL (quoted identifier-safe by validation); undefined on SQLite. */
  readonly schema: string | undefined;
  /** A fresh entity manager: one per operation, so no identity map outlives a call. */
  em(): SqlEntityManager;
}

/** How long SQLite waits for another writer before failing with SQLITE_BUSY (ms). */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/**
 * SQLite settings for durability and concurrent readers: WAL journal, `synchronous=FULL` so an
 * acknowledged commit survives power loss (a submission the resident saw accepted must not vanish),
 * a busy timeout instead of immediate SQLITE_BUSY, and enforced foreign keys. `secure_delete` overwrites
 * the content of deleted rows with zeros (S4, ADR 33): a purged application's ciphertext and wrapped key do not
 * linger in freed pages of the file.
 */
const SQLITE_PRAGMAS = [
  "pragma journal_mode = wal",
  "pragma synchronous = full",
  `pragma busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`,
  "pragma foreign_keys = on",
  "pragma secure_delete = on",
];

/**
 * Creates the database file with mode 0600 (and its directory with 0700) before SQLite does: it
 * holds ciphertext and wrapped keys only, but nobody else needs to read it. SQLite gives the -wal
 * and -shm files the database file's permissions.
 */
const prepareSqliteFile = async (path: string): Promise<void> => {
  if (path === ":memory:") return;
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const handle = await open(path, "a", 0o600);
  await handle.close();
};

const commonOptions = (dialect: Dialect, schema: string | undefined): Partial<Options> => ({
  entities,
  extensions: [Migrator],
  migrations: {
    migrationsList: migrationsFor(dialect),
    tableName: "madoguchi_migrations",
    transactional: true,
    allOrNothing: true,
    snapshot: false,
    silent: true,
    ...(schema === undefined ? {} : { schema }),
  },
  // Tables come from migrations only; never create or alter anything implicitly.
  ensureDatabase: false,
  allowGlobalContext: false,
  debug: false,
  // Silence: queries and driver warnings may carry ids and ciphertext, and logs are not our channel.
  logger: () => undefined,
});

/**
 * Initialises MikroORM for the given connection. Throws driver exceptions (the caller maps them at
 * the store's boundary). SQLite connects here and gets its pragmas; PostgreSQL connects lazily.
 */
export const openOrm = async (connection: ConnectionOptions): Promise<OpenedOrm> => {
  if (connection.driver === "sqlite") {
    await prepareSqliteFile(connection.path);
    const { SqliteDriver } = await import("@mikro-orm/sqlite");
    const orm = await MikroORM.init<IDatabaseDriver>({
      ...commonOptions("sqlite", undefined),
      driver: SqliteDriver,
      dbName: connection.path,
    } as Partial<Options>);
    const em = () => orm.em.fork() as unknown as SqlEntityManager;
    try {
      // better-sqlite3 keeps ONE connection for the ORM's lifetime, so per-connection pragmas hold.
      for (const pragma of SQLITE_PRAGMAS) await em().getConnection().execute(pragma);
    } catch (e) {
      await orm.close(true);
      throw e;
    }
    return { orm, dialect: "sqlite", schema: undefined, em };
  }
  const { PostgreSqlDriver } = await import("@mikro-orm/postgresql");
  const orm = await MikroORM.init<IDatabaseDriver>({
    ...commonOptions("postgresql", connection.schema),
    driver: PostgreSqlDriver,
    clientUrl: connection.url,
    ...(connection.schema === undefined ? {} : { schema: connection.schema }),
    // Without a timeout, pg waits forever for an unreachable host; fail so health checks can report it.
    driverOptions: { connectionTimeoutMillis: 5_000 },
    pool: { min: 0, max: 10 },
  } as Partial<Options>);
  return { orm, dialect: "postgresql", schema: connection.schema, em: () => orm.em.fork() as unknown as SqlEntityManager };
};
