import { copyFile, rm } from "node:fs/promises";
import { errAsync, ResultAsync } from "neverthrow";
import { storageError, type StorageError } from "@madoguchi/core";
import { openOrm, type OpenedOrm } from "./open-orm.ts";
import { toStorageError } from "./storage-error.boundary.ts";

/**
 * A backup's file name: `madoguchi-20261124T231500Z.sqlite` (a copy of the SQLite file) or `….pgdump` (pg_dump's
 * custom format) — sorts by time, and says when it was taken.
 */
export const backupFileName = (at: Date, kind: "sqlite" | "pgdump" = "sqlite"): string =>
  `madoguchi-${at.toISOString().replaceAll(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z")}.${kind}`;

/** A verified backup's name (not its manifest, nor a copy still being checked or one that failed). */
export const isVerifiedBackupName = (name: string): boolean => /^madoguchi-\d{8}T\d{6}Z\.(sqlite|pgdump)$/.test(name);

/** Anything the backups leave in their directory: the copies, their manifests, `.partial` and `.failed` ones. */
export const isBackupArtifactName = (name: string): boolean => /^madoguchi-\d{8}T\d{6}Z\.(sqlite|pgdump)(\.json|\.partial|\.failed)?$/.test(name);

/** The tables a restored copy is counted by: what an operator compares with the live database. */
export const COUNTED_TABLES = ["applications", "audit_entries", "audit_checkpoints", "resident_accounts", "staff_accounts", "payment_ledger", "counter_records", "counter_documents"] as const;

/** What a restored copy holds: SQLite's own integrity check and the rows of the main tables. */
export interface RestoredDatabaseCheck {
  /** `ok`, or SQLite's first complaint. */
  readonly integrity: string;
  readonly rows: Readonly<Record<(typeof COUNTED_TABLES)[number], number>>;
}

/**
 * A consistent copy of a live SQLite database into `target` (N3 backups), taken with `VACUUM INTO`: one
 * transaction's snapshot, written compactly, so rows deleted before it (a purged application, S4) are not carried
 * in freed pages. PostgreSQL is backed up by the operator's tools (pg_dump, base backups): `unsupported`.
 */
export const backupSqlite = (db: OpenedOrm, target: string): ResultAsync<void, StorageError> => {
  const operation = "mikro-orm-store.backup";
  if (db.dialect !== "sqlite") return errAsync(storageError(operation, "unknown", "backups of PostgreSQL are taken with pg_dump or base backups"));
  return ResultAsync.fromPromise(
    (async () => {
      await rm(target, { force: true });
      await db.em().getConnection().execute("vacuum into ?", [target]);
    })(),
    (e) => toStorageError(operation, e),
  );
};

/**
 * Restores a backup into `scratch` (a copy: the backup itself is never opened for writing) and checks it there:
 * SQLite's integrity check and the rows of the main tables. `verify` runs on the restored copy too (the audit
 * chain, with the app's trust anchors). The scratch copy is removed afterwards.
 */
export const checkRestoredSqlite = <T>(
  backup: string,
  scratch: string,
  verify: (restoredPath: string) => Promise<T>,
): ResultAsync<RestoredDatabaseCheck & { readonly verified: T }, StorageError> =>
  ResultAsync.fromPromise(
    (async () => {
      await copyFile(backup, scratch);
      try {
        const db = await openOrm({ driver: "sqlite", path: scratch });
        let integrity: string;
        const rows = {} as Record<(typeof COUNTED_TABLES)[number], number>;
        try {
          const check = await db.em().getConnection().execute("pragma integrity_check");
          integrity = String(check[0]?.["integrity_check"] ?? "no answer");
          for (const table of COUNTED_TABLES) rows[table] = Number((await db.em().getConnection().execute(`select count(*) as n from ${table}`))[0]?.["n"] ?? 0);
        } finally {
          await db.orm.close(true);
        }
        return { integrity, rows, verified: await verify(scratch) };
      } finally {
        for (const f of [scratch, `${scratch}-wal`, `${scratch}-shm`]) await rm(f, { force: true });
      }
    })(),
    (e) => toStorageError("mikro-orm-store.checkBackup", e),
  );
