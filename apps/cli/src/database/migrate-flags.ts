import type { CommandInput } from "../command.ts";

/** The server's default data directory. */
export const DEFAULT_DATA_DIR = "./data";

/** Options of `madoguchi migrate`. */
export const MIGRATE_FLAGS = {
  database: {
    value: "sqlite|sqlite:<path>|postgres://…",
    required: false,
    description: {
      ja: "データベース（既定は MADOGUCHI_DATABASE、なければ sqlite = <データ>/madoguchi.sqlite）",
      en: "database (default: MADOGUCHI_DATABASE, else sqlite = <data dir>/madoguchi.sqlite)",
    },
  },
  "data-dir": {
    value: "<dir>",
    required: false,
    description: {
      ja: `データのディレクトリ（既定は MADOGUCHI_DATA_DIR、なければ ${DEFAULT_DATA_DIR}）`,
      en: `data directory (default: MADOGUCHI_DATA_DIR, else ${DEFAULT_DATA_DIR})`,
    },
  },
} as const;

/** What `madoguchi migrate` is given. */
export type MigrateInput = CommandInput<keyof typeof MIGRATE_FLAGS, never>;
