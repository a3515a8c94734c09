import { createHash } from "node:crypto";
import { chmod, copyFile, readFile, rename, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { errAsync, okAsync, ResultAsync } from "neverthrow";
import { checkRestoredSqlite } from "@madoguchi/adapter-mikro-orm";
import { cliError, usageError, type CliError } from "../cli.errors.ts";
import type { CliContext, CommandReport } from "../command.ts";
import { databaseTarget } from "../database/database-target.ts";
import { DEFAULT_DATA_DIR } from "../database/migrate-flags.ts";
import { RESTORE_CONFIRMATION, type BackupRestoreInput } from "./backup-restore-flags.ts";

const OPERATION = "backup restore";

/** The SHA-256 a backup's manifest (`<file>.json`, written by the server when it verified the copy) records. */
const manifestSha256 = async (file: string): Promise<string | null> => {
  try {
    const manifest = JSON.parse(await readFile(`${file}.json`, "utf8")) as { sha256?: unknown };
    return typeof manifest.sha256 === "string" ? manifest.sha256 : null;
  } catch {
    return null;
  }
};

const failed = (code: string, ja: string, en: string, reason: "invalid_input" | "not_found" | "unavailable" = "invalid_input"): CliError => cliError(OPERATION, reason, code, { ja, en });

/**
 * N3 "restore tested": puts a backup taken by the server (SQLite) back as the live database, with the server
 * stopped. The file must match the SHA-256 of its manifest and pass SQLite's integrity check on a scratch copy
 * first; the live database and its WAL are moved aside (`<db>.before-restore-<time>`), never deleted. The key file
 * is not part of a backup: the one in the data directory must be the one the backup was written under. On its next
 * start the server deletes again the applications past their retention (S4).
 */
export const runBackupRestore = (input: BackupRestoreInput, context: CliContext): ResultAsync<CommandReport, CliError> => {
  const file = input.positionals[0];
  if (file === undefined) return errAsync(usageError(OPERATION, "cli.missing_argument", { ja: "復元するバックアップファイルを指定してください", en: "give the backup file to restore" }));
  if (input.strings.confirm !== RESTORE_CONFIRMATION) {
    return errAsync(usageError(OPERATION, "backup.not_confirmed", { ja: `現在のデータベースを置き換えます。実行するには --confirm ${RESTORE_CONFIRMATION} を付けてください。`, en: `This replaces the live database. To run it, add --confirm ${RESTORE_CONFIRMATION}.` }));
  }
  const env = (name: string) => (context.env[name] === "" ? undefined : context.env[name]);
  const dataDir = resolve(context.cwd, input.strings["data-dir"] ?? env("MADOGUCHI_DATA_DIR") ?? DEFAULT_DATA_DIR);
  const target = databaseTarget(OPERATION, input.strings.database ?? env("MADOGUCHI_DATABASE") ?? "sqlite", dataDir, context.cwd);
  if (target.isErr()) return errAsync(target.error);
  const { connection } = target.value;
  if (connection.driver !== "sqlite") return errAsync(usageError(OPERATION, "backup.not_sqlite", { ja: "PostgreSQL は pg_restore などで復元してください", en: "restore PostgreSQL with pg_restore or its base backups" }));
  const backup = resolve(context.cwd, file);
  if (!existsSync(backup)) return errAsync(failed("backup.not_found", `バックアップがありません: ${backup}`, `no such backup: ${backup}`, "not_found"));
  const live = connection.path;
  const asideAt = context.now().toISOString().replaceAll(/[-:.]/g, "");
  const run = async (): Promise<CommandReport | CliError> => {
    const expected = await manifestSha256(backup);
    if (expected === null) return failed("backup.no_manifest", `マニフェスト（${backup}.json）がないか読めません`, `the manifest (${backup}.json) is missing or unreadable`);
    const actual = createHash("sha256").update(await readFile(backup)).digest("hex");
    if (actual !== expected) return failed("backup.checksum_mismatch", "バックアップがマニフェストの SHA-256 と一致しません（破損または改ざん）", "the backup does not match its manifest's SHA-256 (damaged or altered)");
    const checked = await checkRestoredSqlite(backup, join(dirname(live), `.restore-check-${asideAt}.sqlite`), async () => true);
    if (checked.isErr() || checked.value.integrity !== "ok") return failed("backup.integrity", "バックアップの整合性検査に失敗しました", "the backup fails SQLite's integrity check");
    const aside = `${live}.before-restore-${asideAt}`;
    if (existsSync(live)) {
      await rename(live, aside);
      for (const suffix of ["-wal", "-shm"]) if (existsSync(`${live}${suffix}`)) await rename(`${live}${suffix}`, `${aside}${suffix}`);
    }
    await rm(`${live}.restoring`, { force: true });
    await copyFile(backup, `${live}.restoring`);
    await chmod(`${live}.restoring`, 0o600);
    await rename(`${live}.restoring`, live);
    return {
      human: [
        { ja: `バックアップを復元しました（申請 ${checked.value.rows.applications} 件、監査ログ ${checked.value.rows.audit_entries} 件）: ${live}`, en: `restored the backup (${checked.value.rows.applications} applications, ${checked.value.rows.audit_entries} audit entries): ${live}` },
        existsSync(aside) ? { ja: `元のデータベースは残してあります: ${aside}`, en: `the previous database is kept at: ${aside}` } : { ja: "元のデータベースはありませんでした", en: "there was no previous database" },
      ],
      json: { restored: live, from: backup, sha256: actual, rows: checked.value.rows, previous: existsSync(aside) ? aside : null },
    };
  };
  return ResultAsync.fromPromise(run(), (e) => failed("backup.failed", `復元できませんでした（${e instanceof Error ? e.name : "error"}）`, `could not restore (${e instanceof Error ? e.name : "error"})`, "unavailable")).andThen((r) =>
    "_tag" in r ? errAsync(r) : okAsync(r),
  );
};
