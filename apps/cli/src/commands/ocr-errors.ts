import type { OcrError } from "@madoguchi/ocr-engine";
import { cliError, type CliError } from "../cli.errors.ts";

/** Engine errors as CLI errors. Their messages carry no recognised text, so they can be shown. */
export const fromOcrError = (operation: string, e: OcrError, shown: string, templateId = "", known: readonly string[] = []): CliError => {
  switch (e.reason) {
    case "template_not_found":
      return cliError(operation, "not_found", "ocr.template_not_found", { ja: `テンプレートがありません: ${templateId}`, en: `no such template: ${templateId}` }, {
        details: [{ ja: "使えるテンプレート:", en: "templates:" }, ...known.map((id) => `  ${id}`)],
        data: { templates: known },
      });
    case "unsupported_format":
      return cliError(operation, "invalid_input", "ocr.unsupported_format", { ja: `対応していない画像形式です（JPEG・PNG・TIFF・スキャンPDF）: ${shown}`, en: `unsupported image format (JPEG, PNG, TIFF, scanned PDF): ${shown}` });
    case "corrupt_image":
      return cliError(operation, "invalid_input", "ocr.corrupt_image", { ja: `画像が壊れています: ${shown}`, en: `the image does not decode: ${shown}` });
    case "too_large":
      return cliError(operation, "invalid_input", "ocr.too_large", { ja: `画像が大きすぎます: ${shown}`, en: `the image is too large: ${shown}` });
    case "alignment_failed":
      return cliError(operation, "invalid_input", "ocr.alignment_failed", { ja: `スキャンをテンプレートに位置合わせできません: ${shown}`, en: `the scan could not be aligned to the template: ${shown}` }, {
        // Numbers only (inliers, scale): what to change — rescan straighter, crop a card out of a flatbed scan.
        details: [`  ${e.message}`],
      });
    case "unidentified":
      return cliError(operation, "not_found", "ocr.unidentified", { ja: `どのテンプレートにも一致しません: ${shown}`, en: `no template matches the scan: ${shown}` });
    case "no_labels_found":
      return cliError(operation, "invalid_input", "ocr.no_labels_found", { ja: `項目名（氏名・住所など）が見つかりません: ${shown}`, en: `none of the known labels (氏名, 住所 …) were found: ${shown}` });
    case "reference_missing":
    case "language_data_missing":
    case "invalid_input":
    case "recognizer_failed":
    case "pool_closed":
    case "not_implemented":
      return cliError(operation, "unavailable", `ocr.${e.reason}`, { ja: `文字認識に失敗しました（${e.reason}）`, en: `recognition failed (${e.reason}): ${e.message}` });
  }
};
