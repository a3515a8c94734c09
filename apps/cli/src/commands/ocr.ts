import { defineCommand } from "../command.ts";
import { lazy } from "../lazy.ts";
import { OCR_STRING_FLAGS } from "./ocr-flags.ts";

/**
 * `madoguchi ocr <image> [--template <id>] [--kind <kind>]`: reads a scanned certificate or card with a
 * layout template — the one named, or the one identified from the image among all templates; when none
 * matches and `--kind` is given, by the page's labels with every field flagged — and prints every field
 * with its confidence and review flags. The OCR engine (tesseract.js, OpenCV) is loaded only when the
 * command runs, so `help` and the other commands stay fast.
 */
export const ocrCommand = defineCommand({
  words: ["ocr"],
  summary: { ja: "スキャン画像を様式テンプレートで読み取る（様式は自動判定も可）", en: "read a scanned document with a layout template (named or identified)" },
  positionals: [{ name: "image file", description: { ja: "スキャン画像（JPEG・PNG・TIFF・スキャンPDF）", en: "scanned image (JPEG, PNG, TIFF, scanned PDF)" } }],
  strings: OCR_STRING_FLAGS,
  booleans: {},
  run: (input, context) => lazy(() => import("./ocr-run.ts")).andThen((m) => m.runOcr(input, context)),
});
