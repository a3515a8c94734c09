import type { OcrReadError } from "@madoguchi/core";
import type { OcrError } from "@madoguchi/ocr-engine";

/**
 * The engine's error as the port's: what a counter clerk can act on (another scan, another template, try
 * again later). The engine's messages carry no recognised text, so they are passed on.
 */
export const toReadError = (e: OcrError, templateId: string | undefined): OcrReadError => {
  switch (e.reason) {
    case "unsupported_format":
    case "corrupt_image":
    case "invalid_input":
      return { code: "ocr.unreadable_image", message: e.message };
    case "too_large":
      return { code: "ocr.image_too_large", message: e.message };
    case "template_not_found":
      return { code: "ocr.unknown_template", templateId: templateId ?? "" };
    case "unidentified":
    case "no_labels_found":
      return { code: "ocr.unidentified", message: e.message };
    case "alignment_failed":
      return { code: "ocr.alignment_rejected", message: e.message };
    case "language_data_missing":
    case "recognizer_failed":
    case "pool_closed":
    case "reference_missing":
    case "not_implemented":
      return { code: "ocr.engine_failed", message: e.message, retryable: e.retryable };
  }
};
