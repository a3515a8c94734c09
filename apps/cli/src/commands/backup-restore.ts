import { BACKUP_RESTORE_FLAGS } from "../backup/backup-restore-flags.ts";
import { defineCommand } from "../command.ts";
import { lazy } from "../lazy.ts";

/** `madoguchi backup restore <file>`: puts a verified backup of the SQLite database back in place (server stopped). */
export const backupRestoreCommand = defineCommand({
  words: ["backup", "restore"],
  summary: { ja: "バックアップからデータベースを復元する（サーバー停止中に）", en: "restore the database from a backup (with the server stopped)" },
  positionals: [{ name: "backup file", description: { ja: "サーバーが作ったバックアップ（madoguchi-….sqlite、隣に .json）", en: "a backup the server made (madoguchi-….sqlite, with its .json beside it)" } }],
  strings: BACKUP_RESTORE_FLAGS,
  booleans: {},
  run: (input, context) => lazy(() => import("../backup/run-backup-restore.ts")).andThen((m) => m.runBackupRestore(input, context)),
});
