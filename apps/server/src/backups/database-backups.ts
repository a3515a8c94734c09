import { chmod, mkdir, rename, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "pino";
import type { ResultAsync } from "neverthrow";
import { ed25519SignatureVerifier } from "@madoguchi/adapter-local-keystore";
import { backupFileName, checkRestoredPostgres, checkRestoredSqlite, dumpPostgres, openMikroOrmAuditLog } from "@madoguchi/adapter-mikro-orm";
import { createSha256Hasher } from "@madoguchi/adapter-system";
import { verifyStoredAuditLog, type AuditLogStore, type CheckpointSigner, type Clock, type StorageError } from "@madoguchi/core";
import { recordAudit } from "../audit/record-audit.ts";
import { periodicJob, type PeriodicJob } from "../jobs/periodic-job.ts";
import { backupTakenAt, pruneBackups, sha256OfFile, verifiedBackups } from "./backup-files.ts";

/** What the backups need: `backupTo` for the embedded SQLite database, or `postgresUrl` for PostgreSQL (pg_dump). */
export interface DatabaseBackupDeps {
  readonly backupTo: ((target: string) => ResultAsync<void, StorageError>) | undefined;
  readonly postgresUrl?: string;
  readonly auditLog: AuditLogStore;
  /** The audit checkpoint signer: its public key is what a restored copy's audit chain is verified against. */
  readonly signer: CheckpointSigner;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** Where and how often (N3: daily, at least 7 generations). */
export interface DatabaseBackupSettings {
  readonly dir: string;
  readonly generations: number;
  /** A backup is taken when the newest one is at least this old. */
  readonly everyMs: number;
}

/** One run. */
export type BackupRun =
  | { readonly kind: "taken"; readonly file: string; readonly sha256: string; readonly rows: Readonly<Record<string, number>>; readonly auditEntries: number; readonly pruned: readonly string[] }
  | { readonly kind: "not_due" }
  | { readonly kind: "no_database" }
  | { readonly kind: "failed"; readonly reason: string };

/** Verifies the audit chain of a restored copy against the live signer's key: a backup that does not verify is no backup. */
const verifyRestoredAudit = (signer: CheckpointSigner, kind: "sqlite" | "pgdump") => async (restored: string) => {
  const opened = await openMikroOrmAuditLog(kind === "sqlite" ? { driver: "sqlite", path: restored } : { driver: "postgresql", url: restored });
  if (opened.isErr()) return { ok: false as const, reason: `audit log unreadable (${opened.error.reason})` };
  try {
    const report = await verifyStoredAuditLog(
      { auditLog: opened.value.auditLog, hasher: createSha256Hasher(), signatures: ed25519SignatureVerifier, trustedKeys: new Map([[signer.keyId, signer.publicKey]]) },
      [],
    );
    return report.isOk() ? { ok: true as const, entries: report.value.entries } : { ok: false as const, reason: report.error._tag === "AuditChainBroken" ? `audit chain broken (${report.error.reason})` : `audit log unreadable (${report.error.reason})` };
  } finally {
    await opened.value.close();
  }
};

/**
 * N3 and SECURITY.md "Backups: daily, 7 generations, each restored into scratch and verified": when the newest
 * backup is a day old, a consistent copy of the database is written (`.partial` until checked) — the SQLite file's
 * `VACUUM INTO`, or PostgreSQL's `pg_dump` — restored into a scratch copy (a file, or a scratch database on the same
 * server) and verified there — SQLite's integrity check, the audit chain against the signer's key, the rows
 * of the main tables — then named, described in a manifest (`<file>.json`: time, size, SHA-256, what was verified),
 * and the generations beyond the kept number are removed. A copy that fails is kept as `.failed` for inspection and
 * never counts as a generation. Each outcome is an audit entry. The key file is not in the backup (ADR 6): a backup
 * alone reveals no personal data, and it needs the key file kept elsewhere to be restored.
 */
export const createDatabaseBackups = (deps: DatabaseBackupDeps, settings: DatabaseBackupSettings): PeriodicJob<BackupRun> =>
  periodicJob(
    async (): Promise<BackupRun> => {
      const { backupTo, postgresUrl } = deps;
      const kind = backupTo !== undefined ? "sqlite" : postgresUrl !== undefined ? "pgdump" : null;
      if (kind === null) return { kind: "no_database" };
      const now = deps.clock.now();
      const newest = (await verifiedBackups(settings.dir))[0];
      if (newest !== undefined && now.getTime() - backupTakenAt(newest).getTime() < settings.everyMs) return { kind: "not_due" };
      await mkdir(settings.dir, { recursive: true, mode: 0o700 });
      const name = backupFileName(now, kind);
      const partial = join(settings.dir, `${name}.partial`);
      const fail = async (reason: string): Promise<BackupRun> => {
        await rename(partial, join(settings.dir, `${name}.failed`)).catch(() => undefined);
        deps.logger.error({ event: "backup.failed", file: name, reason }, "database backup failed");
        await recordAudit(deps, [{ at: now, actor: { kind: "system", id: null }, action: "backup.failed", target: null, result: "failure", sourceIp: null, details: { file: name, reason } }]);
        return { kind: "failed", reason };
      };
      const written = backupTo !== undefined ? await backupTo(partial) : await dumpPostgres(postgresUrl!, partial);
      if (written.isErr()) return fail(`copy failed (${written.error.reason})`);
      await chmod(partial, 0o600);
      const sha256 = await sha256OfFile(partial);
      const verify = verifyRestoredAudit(deps.signer, kind);
      const checked =
        kind === "sqlite" ? await checkRestoredSqlite(partial, join(settings.dir, `.restore-check-${name}`), verify) : await checkRestoredPostgres(partial, postgresUrl!, verify);
      if (checked.isErr()) return fail(`restore failed (${checked.error.reason})`);
      if (checked.value.integrity !== "ok") return fail("integrity check failed");
      if (!checked.value.verified.ok) return fail(checked.value.verified.reason);
      const file = join(settings.dir, name);
      await rename(partial, file);
      const bytes = (await stat(file)).size;
      const manifest = { file: name, takenAt: now.toISOString(), bytes, sha256, integrity: checked.value.integrity, rows: checked.value.rows, auditEntries: checked.value.verified.entries };
      await writeFile(`${file}.json`, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
      const pruned = await pruneBackups(settings.dir, settings.generations);
      deps.logger.info({ event: "backup.created", file: name, bytes, pruned: pruned.length }, "database backup taken and verified");
      await recordAudit(deps, [
        { at: now, actor: { kind: "system", id: null }, action: "backup.created", target: null, result: "success", sourceIp: null, details: { file: name, sha256, applications: checked.value.rows.applications, auditEntries: checked.value.verified.entries, pruned: pruned.length } },
      ]);
      return { kind: "taken", file: name, sha256, rows: checked.value.rows, auditEntries: checked.value.verified.entries, pruned };
    },
    deps.logger,
    "backup.job_failed",
  );
