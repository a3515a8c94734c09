import type { CommandInput } from "../command.ts";

/** Value options of `madoguchi ocr`. */
export const OCR_STRING_FLAGS = {
  template: {
    value: "<template id>",
    required: false,
    description: {
      ja: "様式テンプレートの ID（例: tenshutsu-shomeisho/131121/v1）。省略時は様式を画像から判定する",
      en: "layout template id (e.g. tenshutsu-shomeisho/131121/v1); default: identify the template from the image",
    },
  },
  kind: {
    value: "<kind>",
    required: false,
    description: {
      ja: "どの様式にも一致しないとき、この種類の項目名から読み取る（全項目が要確認）: tenshutsu-shomeisho など",
      en: "when no template matches, read the page by this kind's labels (every field flagged): tenshutsu-shomeisho …",
    },
  },
  page: { value: "<n>", required: false, description: { ja: "PDF・複数ページTIFFのページ（既定 1）", en: "page of a PDF or multi-page TIFF (default 1)" } },
  "templates-dir": {
    value: "<dir>",
    required: false,
    description: { ja: "テンプレート（*.json）のディレクトリ。省略時は同梱のテンプレート", en: "directory of templates (*.json); default: the shipped templates" },
  },
  vocabularies: {
    value: "<file>",
    required: false,
    description: {
      ja: "地名（都道府県・市区町村・町域）と国籍などの語彙（JSON）。読み取った値を補正し要確認にする",
      en: "place names (prefectures, municipalities, towns) and lists such as nationalities (JSON): readings are corrected to them and flagged",
    },
  },
} as const;

/** What `madoguchi ocr` is given (`--json` is the CLI's own output option). */
export type OcrInput = CommandInput<keyof typeof OCR_STRING_FLAGS, never>;
