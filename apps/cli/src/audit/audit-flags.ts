import type { CommandInput } from "../command.ts";
import { MIGRATE_FLAGS } from "../database/migrate-flags.ts";

/** The server's audit signing key file, under the data directory. */
export const SIGNING_KEY_FILE = "keys/audit-signing.json";

/** Options of `madoguchi audit verify`. */
export const AUDIT_VERIFY_FLAGS = {
  ...MIGRATE_FLAGS,
  checkpoints: {
    value: "<file>",
    required: false,
    description: {
      ja: "別の場所に保管したチェックポイント（audit export-checkpoints の出力）。末尾の削除を検出します",
      en: "checkpoints kept elsewhere (output of audit export-checkpoints): detects a cut-off tail",
    },
  },
  "public-key": {
    value: "<file>",
    required: false,
    description: {
      ja: `信頼する署名鍵（既定は <データ>/${SIGNING_KEY_FILE} の公開鍵）`,
      en: `signing key to trust (default: the public key in <data dir>/${SIGNING_KEY_FILE})`,
    },
  },
  "retention-months": {
    value: "<months>",
    required: false,
    description: {
      ja: "検証に使う保存期間（月、1〜1200）。指定すると MADOGUCHI_AUDIT_RETENTION_MONTHS（なければ 36）より優先します。管理者が画面で変えた期間はデータベースから取らないので、その変更を確認したらここで指定します。期限前に消えたセグメントを検出します",
      en: "retention to verify against, in months (1–1200); overrides MADOGUCHI_AUDIT_RETENTION_MONTHS (else 36). A period an administrator set in the back office is not taken from the database: pass it here once confirmed. Detects segments deleted before they expired",
    },
  },
} as const;

/** What `madoguchi audit verify` is given. */
export type AuditVerifyInput = CommandInput<keyof typeof AUDIT_VERIFY_FLAGS, never>;

/** Options of `madoguchi audit export-checkpoints`. */
export const AUDIT_EXPORT_FLAGS = {
  ...MIGRATE_FLAGS,
  out: {
    value: "<file>",
    required: true,
    description: { ja: "書き出すファイル（上書きしません）", en: "file to write (never overwritten)" },
  },
} as const;

/** On/off options of `madoguchi audit export-checkpoints`. */
export const AUDIT_EXPORT_BOOLEANS = {
  "sign-now": {
    description: {
      ja: "書き出す前に、署名鍵で現在の末尾のチェックポイントを作る",
      en: "sign a checkpoint at the current end of the log with the signing key before exporting",
    },
  },
} as const;

/** What `madoguchi audit export-checkpoints` is given. */
export type AuditExportInput = CommandInput<keyof typeof AUDIT_EXPORT_FLAGS, keyof typeof AUDIT_EXPORT_BOOLEANS>;
