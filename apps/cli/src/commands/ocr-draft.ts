import { defineCommand } from "../command.ts";
import { lazy } from "../lazy.ts";
import { OCR_DRAFT_STRING_FLAGS } from "./ocr-draft-flags.ts";

/**
 * `madoguchi ocr draft <sample> --kind <kind> --issuer <code>`: proposes a layout template from one
 * sample scan of a municipality's form (label words found, the value cell beside or below each, the
 * member rows) and writes it as JSON for staff to adjust. The sample must carry fake data only.
 */
export const ocrDraftCommand = defineCommand({
  words: ["ocr", "draft"],
  summary: { ja: "見本のスキャンから様式テンプレートの下書きを作る", en: "draft a layout template from a sample scan" },
  positionals: [{ name: "sample file", description: { ja: "見本の様式のスキャン（架空の記載のみ）", en: "scan of a sample form (fake data only)" } }],
  strings: OCR_DRAFT_STRING_FLAGS,
  booleans: {},
  run: (input, context) => lazy(() => import("./ocr-draft-run.ts")).andThen((m) => m.runOcrDraft(input, context)),
});
