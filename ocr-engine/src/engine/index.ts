/**
 * Public API of the recognition pipeline and the engine, for the package entry point
 * (`src/index.ts` re-exports this module).
 */
export { createOcrEngine, DEFAULT_MAX_CROP_HEIGHT, DEFAULT_MIN_FIELD_HEIGHT, DEFAULT_SECOND_READING_TYPES, MAX_READING_SCALE, MIN_READING_SCALE, readingScale, type OcrEngine, type OcrEngineOptions, type PostProcess, type RecognizeOptions, type ScanInput } from "./create-ocr-engine.ts";
export type { RawField, RawReading, RawRecognition, SecondReading } from "./raw-recognition.ts";
export { readCrop, secondHeight, DEFAULT_SECOND_SCALE, DEFAULT_RETRY_HEIGHT, FALLBACK_RETRY_HEIGHT, MIN_SECOND_HEIGHT, type CropReadings, type CropReadingOptions } from "./read-crop.ts";
export { ocrError, type OcrError, type OcrErrorReason, type OcrOperation } from "../pipeline/ocr-error.ts";
export type { GreyRaster, RgbaRaster } from "../pipeline/raster.ts";
export { decodeImage, sniffFormat, DEFAULT_DECODE_LIMITS, type DecodeLimits, type DecodeOptions, type ImageFormat } from "../pipeline/decode-image.ts";
export { removeTint, tintChannel, thresholdChannel, binarize, DEFAULT_INK_BIAS, type TintRemoval } from "../pipeline/remove-tint.ts";
export { otsuThreshold, histogram, lightMean } from "../pipeline/otsu.ts";
export { removeRuledLines, clearBorderComponents, DEFAULT_LINE_REMOVAL, type LineRemovalOptions } from "../pipeline/remove-lines.ts";
export {
  alignToReference,
  estimateAlignment,
  warpRgba,
  warpGrey,
  applyHomography,
  DEFAULT_ALIGN_OPTIONS,
  type AlignOptions,
  type Alignment,
  type AlignmentFit,
  type AlignmentRejection,
  type AlignmentRejectionReason,
  type AlignError,
} from "../pipeline/align.ts";
export { downscaleGrey, resizeGrey } from "../pipeline/resize-grey.ts";
export { regionToPixels, cropGrey, cropRegion, toPgm, DEFAULT_CROP_MARGIN, type PixelRect } from "../pipeline/crop.ts";
export {
  createRecognizerPool,
  defaultJapaneseLangPath,
  RecognizerPoolOptions,
  type RecognizerPool,
  type RecognizeJob,
  type Recognition,
  type RecognizedSymbol,
  type Psm,
} from "../pipeline/recognizer-pool.ts";
