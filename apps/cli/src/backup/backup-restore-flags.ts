import type { CommandInput } from "../command.ts";
import { MIGRATE_FLAGS } from "../database/migrate-flags.ts";

/** The phrase `--confirm` must carry: a restore replaces the live database. */
export const RESTORE_CONFIRMATION = "replace-the-database";

/** Options of `madoguchi backup restore <file>`. */
export const BACKUP_RESTORE_FLAGS = {
  ...MIGRATE_FLAGS,
  confirm: {
    value: RESTORE_CONFIRMATION,
    required: true,
    description: {
      ja: `現在のデータベースを置き換えることの確認（「${RESTORE_CONFIRMATION}」と入力。元のファイルは残します）`,
      en: `confirms the live database is replaced (type "${RESTORE_CONFIRMATION}"; the old file is kept aside)`,
    },
  },
} as const;

/** What `madoguchi backup restore` is given. */
export type BackupRestoreInput = CommandInput<keyof typeof BACKUP_RESTORE_FLAGS, never>;
