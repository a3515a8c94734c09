import type { CommandInput } from "../command.ts";

/** Options of `madoguchi test-card show`. */
export const SHOW_STRING_FLAGS = {
  dir: {
    value: "<dir>",
    required: true,
    description: { ja: "テストカードのディレクトリ（サーバーは <データ>/test-card を使う）", en: "test card directory (the server uses <data dir>/test-card)" },
  },
} as const;

/** What `madoguchi test-card show` is given. */
export type ShowInput = CommandInput<keyof typeof SHOW_STRING_FLAGS, never>;
