/**
 * The engine's one error type: a value (never thrown) with a closed `reason`, the pipeline step that
 * failed, and whether retrying the same call can help. Messages never carry recognised text or any
 * other personal data: a scan of a certificate is personal data from end to end.
 */

/** Why an OCR step failed. Closed: adding a reason is a deliberate change callers must handle. */
export type OcrErrorReason =
  | "unsupported_format" // bytes are an image kind the engine does not read (yet): PDF, GIF …
  | "corrupt_image" // the bytes claim a supported format but do not decode
  | "too_large" // the bytes or the pixel count exceed the configured limits
  | "invalid_input" // a programmer-supplied argument is out of range (empty raster, bad region …)
  | "alignment_failed" // the scan could not be registered to the template's reference
  | "language_data_missing" // the tesseract language file is not in the configured directory
  | "recognizer_failed" // tesseract.js failed on a crop or could not start
  | "pool_closed" // the recogniser pool was closed before or during the call
  | "template_not_found" // no template with the requested id
  | "reference_missing" // the template names a reference image for alignment but none was supplied
  | "unidentified" // no registered template matches the scan well enough (the message says how close the best came)
  | "no_labels_found" // authoring or the label-anchored fallback found none of the known label words
  | "not_implemented"; // a declared operation that is not built yet

/** The pipeline step that failed. */
export type OcrOperation = "decode" | "remove-tint" | "align" | "crop" | "recognize" | "identify" | "draft" | "fallback" | "engine";

/** A failure of the OCR pipeline, as a value. */
export interface OcrError {
  readonly _tag: "OcrError";
  readonly reason: OcrErrorReason;
  readonly operation: OcrOperation;
  readonly retryable: boolean;
  /** Human-readable, free of personal data. */
  readonly message: string;
  /** The underlying exception, kept for diagnostics; never logged with scan contents. */
  readonly cause?: unknown;
}

/** Builds an {@link OcrError}; `retryable` defaults to false because most OCR failures are deterministic. */
export const ocrError = (
  reason: OcrErrorReason,
  operation: OcrOperation,
  message: string,
  extra: { readonly retryable?: boolean; readonly cause?: unknown } = {},
): OcrError => ({
  _tag: "OcrError",
  reason,
  operation,
  retryable: extra.retryable ?? false,
  message,
  ...(extra.cause === undefined ? {} : { cause: extra.cause }),
});
