import { readdir, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { errAsync, ResultAsync } from "neverthrow";
import { destroyKeyFile } from "@madoguchi/adapter-local-keystore";
import { eraseDatabase, isBackupArtifactName } from "@madoguchi/adapter-mikro-orm";
import { cliError, type CliError } from "../cli.errors.ts";
import type { CliContext, CommandReport } from "../command.ts";
import { databaseTarget } from "../database/database-target.ts";
import { DEFAULT_DATA_DIR } from "../database/migrate-flags.ts";
import { ERASE_CONFIRMATION, type ServiceEndEraseInput } from "./service-end-flags.ts";

const OPERATION = "service-end erase";

/** Removes the server's backups (copies, manifests, failed ones) from their directory; answers their names. */
const removeBackups = async (dir: string): Promise<string[]> => {
  const names = (await readdir(dir).catch((e: NodeJS.ErrnoException) => (e.code === "ENOENT" ? [] : Promise.reject(e)))).filter(isBackupArtifactName);
  for (const name of names) await rm(join(dir, name), { force: true });
  return names;
};

/**
 * Seed A (3)② 「サービス終了にあたっては、本市が指定した日までに利用者データを完全に消去すること」, after the export of
 * what was not yet expired. First the key-encryption key of the data keys is destroyed (`keys/data-kek.json` of the
 * data directory): every personal field was sealed under a data key wrapped by it, so from that moment no copy —
 * a backup, a freed page — can be read (crypto erase, NIST SP 800-88 Purge). Then the store itself is removed
 * (SQLite files, or every table of the PostgreSQL schema), and the server's backups in `MADOGUCHI_BACKUP_DIR` (default
 * `<data dir>/backups`; copies elsewhere are the operator's to destroy, and unreadable already). The order makes a
 * failure half-way safe: the data is unreadable before anything else is attempted.
 */
export const runServiceEndErase = (input: ServiceEndEraseInput, context: CliContext): ResultAsync<CommandReport, CliError> => {
  if (input.strings.confirm !== ERASE_CONFIRMATION) {
    return errAsync(
      cliError(OPERATION, "usage", "service_end.not_confirmed", {
        ja: `消去は取り消せません。実行するには --confirm ${ERASE_CONFIRMATION} を付けてください。`,
        en: `The erasure cannot be undone. To run it, add --confirm ${ERASE_CONFIRMATION}.`,
      }),
    );
  }
  const env = (name: string) => (context.env[name] === "" ? undefined : context.env[name]);
  const dataDir = resolve(context.cwd, input.strings["data-dir"] ?? env("MADOGUCHI_DATA_DIR") ?? DEFAULT_DATA_DIR);
  const spec = input.strings.database ?? env("MADOGUCHI_DATABASE") ?? "sqlite";
  const target = databaseTarget(OPERATION, spec, dataDir, context.cwd);
  if (target.isErr()) return errAsync(target.error);
  const { connection, shown } = target.value;
  const keyFile = join(dataDir, "keys", "data-kek.json");
  const backupDir = resolve(context.cwd, env("MADOGUCHI_BACKUP_DIR") ?? join(dataDir, "backups"));
  const unavailable = (what: { ja: string; en: string }) => (e: unknown) =>
    cliError(OPERATION, "unavailable", "service_end.failed", { ja: `${what.ja}（${e instanceof Error ? e.name : "error"}）`, en: `${what.en} (${e instanceof Error ? e.name : "error"})` });
  return ResultAsync.fromPromise(destroyKeyFile(keyFile), unavailable({ ja: `鍵ファイルを消去できませんでした: ${keyFile}`, en: `could not destroy the key file: ${keyFile}` })).andThen((destroyed) =>
    eraseDatabase(connection)
      .mapErr((e) =>
        cliError(OPERATION, "unavailable", "service_end.failed", {
          ja: `鍵は消去済みです（暗号化された個人情報は復号できません）が、データベースを削除できませんでした（${e.reason}: ${e.message}）: ${shown}`,
          en: `the key is destroyed (the encrypted personal data cannot be decrypted), but the database could not be removed (${e.reason}: ${e.message}): ${shown}`,
        }),
      )
      .andThen((erased) =>
        ResultAsync.fromPromise(removeBackups(backupDir), unavailable({ ja: `バックアップを削除できませんでした: ${backupDir}`, en: `could not remove the backups: ${backupDir}` })).map((backups) => ({ erased, backups })),
      )
      .map(({ erased, backups }) => ({
        human: [
          destroyed
            ? { ja: `鍵ファイルを上書きして削除しました（暗号消去）: ${keyFile}`, en: `overwrote and removed the key file (crypto erase): ${keyFile}` }
            : { ja: `鍵ファイルはありませんでした: ${keyFile}`, en: `there was no key file: ${keyFile}` },
          connection.driver === "sqlite"
            ? { ja: `データベースのファイルを削除しました: ${shown}`, en: `removed the database files: ${shown}` }
            : { ja: `データベースのテーブルをすべて削除しました（${erased.reverted.length} 件のマイグレーションを戻しました）: ${shown}`, en: `dropped every table of the store (${erased.reverted.length} migrations reverted): ${shown}` },
          { ja: `バックアップを ${backups.length} 件削除しました: ${backupDir}`, en: `removed ${backups.length} backup files: ${backupDir}` },
        ],
        json: { keyFile: { path: keyFile, destroyed }, database: { driver: connection.driver, location: shown, files: erased.files, reverted: erased.reverted }, backups: { dir: backupDir, removed: backups } },
      })),
  );
};
