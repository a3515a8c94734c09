import type { CommandInput } from "../command.ts";

/** Value options of `madoguchi ocr draft`. */
export const OCR_DRAFT_STRING_FLAGS = {
  kind: {
    value: "<kind>",
    required: true,
    description: {
      ja: "書類の種類: tenshutsu-shomeisho, tenshutsu-kakunin, zairyu-card, tokubetsu-eijusha, unten-menkyo, mynumber-card, koseki-zenbu, koseki-fuhyo",
      en: "document kind: tenshutsu-shomeisho, tenshutsu-kakunin, zairyu-card, tokubetsu-eijusha, unten-menkyo, mynumber-card, koseki-zenbu, koseki-fuhyo",
    },
  },
  issuer: {
    value: "<code>",
    required: true,
    description: { ja: "発行団体の全国地方公共団体コード（6桁、検査数字付き）。全国共通様式は *", en: "issuer's local government code (6 digits with check digit), or * for nationwide formats" },
  },
  version: { value: "<n>", required: false, description: { ja: "様式の版（既定 1）", en: "layout version (default 1)" } },
  out: {
    value: "<file>",
    required: false,
    description: { ja: "下書きの保存先（既定: <kind>.<issuer>.v<version>.json、既存のファイルは上書きしない）", en: "where to write the draft (default <kind>.<issuer>.v<version>.json; an existing file is never overwritten)" },
  },
} as const;

/** What `madoguchi ocr draft` is given. */
export type OcrDraftInput = CommandInput<keyof typeof OCR_DRAFT_STRING_FLAGS, never>;
