import type { BooleanFlagSpec, StringFlagSpec } from "../command.ts";

/** Options every command accepts; they decide how the result is printed. */
export const COMMON_STRING_FLAGS = {
  lang: {
    value: "ja|en",
    required: false,
    description: { ja: "表示する言語（既定は日本語のあとに英語）", en: "language of the output (default: Japanese, then English)" },
  },
} as const satisfies Record<string, StringFlagSpec>;

/** On/off options every command accepts. */
export const COMMON_BOOLEAN_FLAGS = {
  json: { description: { ja: "結果を JSON で出力する", en: "print the result as JSON" } },
  help: { description: { ja: "このコマンドの使い方を表示する", en: "show how to use this command" } },
} as const satisfies Record<string, BooleanFlagSpec>;
