import type { OpenedOrm } from "./open-orm.ts";

/** Advisory lock key serialising migrations across app instances on one PostgreSQL database. */
const MIGRATION_LOCK_KEY = 7_462_840_311;

/** The part of pg's Pool used to hold the migration lock on one dedicated connection. */
interface LockablePool {
  connect(): Promise<{ query(sql: string): Promise<unknown>; release(destroy?: boolean): void }>;
}

/**
 * Applies pending migrations and returns the names applied (empty when up to date, so running it
 * twice is a no-op). Throws driver exceptions.
 *
 * On PostgreSQL several stateless instances may start at once. A session advisory lock, held on a
 * dedicated pooled connection, makes them take turns: the second waits, then finds nothing to do.
 * (The lock cannot share the migrations' transaction: MikroORM's migrator creates its tracking
 * table on another connection first, which would wait on that transaction forever.)
 */
export const runMigrations = async (opened: OpenedOrm): Promise<readonly string[]> => {
  if (opened.dialect === "sqlite") {
    return (await opened.orm.migrator.up()).map((m) => m.name);
  }
  const pool = (await opened.em().getConnection().getNativeClient()) as LockablePool;
  const client = await pool.connect();
  let healthy = true;
  try {
    await client.query(`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    try {
      // The identifier was validated as [a-z_][a-z0-9_]*, so quoting it is enough.
      if (opened.schema !== undefined) await client.query(`create schema if not exists "${opened.schema}"`);
      return (await opened.orm.migrator.up()).map((m) => m.name);
    } finally {
      await client.query(`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
    }
  } catch (e) {
    healthy = false;
    throw e;
  } finally {
    // A connection that failed mid-way may still hold the lock: destroy it rather than pool it.
    client.release(!healthy);
  }
};
