import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import { promisify } from "node:util";
import { ResultAsync } from "neverthrow";
import type { StorageError } from "@madoguchi/core";
import { COUNTED_TABLES, type RestoredDatabaseCheck } from "./backup-database.ts";
import { openOrm } from "./open-orm.ts";
import { toStorageError } from "./storage-error.boundary.ts";

const run = promisify(execFile);

/**
 * libpq's environment for a connection URL: the password never goes on a command line (where `ps` shows it).
 * `database` replaces the URL's database (a scratch database for the restore check).
 */
const libpqEnv = (url: string, database?: string): NodeJS.ProcessEnv => {
  const u = new URL(url);
  return {
    ...process.env,
    PGHOST: decodeURIComponent(u.hostname.replace(/^\[|\]$/g, "")) || "localhost",
    PGPORT: u.port || "5432",
    PGUSER: decodeURIComponent(u.username) || process.env["PGUSER"] || "postgres",
    ...(u.password === "" ? {} : { PGPASSWORD: decodeURIComponent(u.password) }),
    PGDATABASE: database ?? decodeURIComponent(u.pathname.replace(/^\//, "")),
    ...(u.searchParams.get("sslmode") === null ? {} : { PGSSLMODE: u.searchParams.get("sslmode")! }),
  };
};

/** The URL of another database on the same server (the scratch database of a restore check). */
const withDatabase = (url: string, database: string): string => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
};

/**
 * N3 on the scale profile: a consistent copy of the live PostgreSQL database into `target`, taken by Debian's
 * `pg_dump` in its custom format (one snapshot; restorable by `pg_restore`, table by table if need be). Ownership and
 * grants are left out: a restore belongs to whoever restores it.
 */
export const dumpPostgres = (url: string, target: string): ResultAsync<void, StorageError> =>
  ResultAsync.fromPromise(
    (async () => {
      await rm(target, { force: true });
      await run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${target}`], { env: libpqEnv(url), maxBuffer: 16 * 1024 * 1024 });
    })(),
    (e) => toStorageError("mikro-orm-store.dumpPostgres", e),
  );

/**
 * Restores a dump into a scratch database of the same server (`madoguchi_restore_check_…`, created here and
 * dropped afterwards, whatever happens) and checks it there: `pg_restore --exit-on-error` must restore every object,
 * the main tables are counted, and `verify` runs on the restored database (the audit chain, with the app's trust
 * anchors). The role needs CREATEDB; the live database is only read (to create and drop the scratch one).
 */
export const checkRestoredPostgres = <T>(
  dump: string,
  url: string,
  verify: (restoredUrl: string) => Promise<T>,
): ResultAsync<RestoredDatabaseCheck & { readonly verified: T }, StorageError> =>
  ResultAsync.fromPromise(
    (async () => {
      const scratch = `madoguchi_restore_check_${randomBytes(6).toString("hex")}`;
      const live = await openOrm({ driver: "postgresql", url });
      try {
        await live.em().getConnection().execute(`create database "${scratch}"`);
        try {
          await run("pg_restore", ["--exit-on-error", "--no-owner", "--no-privileges", `--dbname=${scratch}`, dump], { env: libpqEnv(url, scratch), maxBuffer: 16 * 1024 * 1024 });
          const restoredUrl = withDatabase(url, scratch);
          const restored = await openOrm({ driver: "postgresql", url: restoredUrl });
          const rows = {} as Record<(typeof COUNTED_TABLES)[number], number>;
          try {
            for (const table of COUNTED_TABLES) rows[table] = Number((await restored.em().getConnection().execute(`select count(*) as n from ${table}`))[0]?.["n"] ?? 0);
          } finally {
            await restored.orm.close(true);
          }
          return { integrity: "ok", rows, verified: await verify(restoredUrl) };
        } finally {
          await live.em().getConnection().execute(`drop database if exists "${scratch}" with (force)`);
        }
      } finally {
        await live.orm.close(true);
      }
    })(),
    (e) => toStorageError("mikro-orm-store.checkRestoredPostgres", e),
  );
