import type { CommandInput } from "../command.ts";

/** Value options of `madoguchi ocr`. */
export const OCR_STRING_FLAGS = {
  template: {
    value: "<template id>",
    required: true,
    description: { ja: "様式テンプレートの ID（例: tenshutsu-shomeisho/131121/v1）", en: "layout template id (e.g. tenshutsu-shomeisho/131121/v1)" },
  },
  "templates-dir": {
    value: "<dir>",
    required: false,
    description: { ja: "テンプレート（*.json）のディレクトリ。省略時は同梱のテンプレート", en: "directory of templates (*.json); default: the shipped templates" },
  },
} as const;

/** What `madoguchi ocr` is given (`--json` is the CLI's own output option). */
export type OcrInput = CommandInput<keyof typeof OCR_STRING_FLAGS, never>;
