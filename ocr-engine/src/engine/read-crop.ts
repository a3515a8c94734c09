/**
 * How one field crop is read: once at the engine's crop height, and again where a second reading can
 * catch what the first got wrong — at another scale for field types that have no closed list or check
 * digit (an address misread is still an address), and once more (smaller, and as a line) when the first
 * reading is empty although the crop has ink, or is not one of an enum's allowed values or below the
 * field's confidence threshold.
 */
import { ResultAsync, okAsync } from "neverthrow";
import type { OcrError } from "../pipeline/ocr-error.ts";
import type { GreyRaster } from "../pipeline/raster.ts";
import type { Psm, Recognition, RecognizerPool } from "../pipeline/recognizer-pool.ts";
import { downscaleGrey, resizeGrey } from "../pipeline/resize-grey.ts";
import type { FieldType, TemplateField } from "../templates/template.ts";

/** The readings of one crop: the one reported as the field's text, and the second one when there is one. */
export interface CropReadings {
  readonly first: Recognition;
  readonly second: Recognition | null;
}

/** How {@link readCrop} reads. */
export interface CropReadingOptions {
  /** Height the first reading is downscaled to (crops that are smaller stay as they are). */
  readonly maxCropHeight: number;
  /** Types always read a second time, at {@link CropReadingOptions.secondScale} of the first reading's height. */
  readonly secondTypes: ReadonlySet<FieldType>;
  /** Second reading's height as a fraction of the first's, for single-line crops (block crops use its inverse). */
  readonly secondScale: number;
  /** Height of the re-reading of an empty or off-list first reading. */
  readonly retryHeight: number;
}

/** Default {@link CropReadingOptions.secondScale}: 48 px beside 64 px; measured in bench-ocr (issue 3). */
export const DEFAULT_SECOND_SCALE = 0.75;
/** Default {@link CropReadingOptions.retryHeight}: one 男 that read empty at 64 px read right at 40 px (bench-ocr). */
export const DEFAULT_RETRY_HEIGHT = 40;
/**
 * Height of a last reading when the retry too came back empty or off-list: tesseract's jpn model reads a
 * lone kanji erratically, empty at 64 and 40 px and right at 32 px for some cells (妻 at 88), the other way
 * round for others (bench-ocr seeds 1–3, 480 values: 461 → 465 exact trying both).
 */
export const FALLBACK_RETRY_HEIGHT = 32;

// Spaces and punctuation are noise around an enum value (女 」, 男_): they are no reason to read again.
const enumText = (text: string): string => text.replace(/[\s\p{P}\p{S}_]/gu, "");

const isOffList = (field: TemplateField, text: string): boolean =>
  field.type === "enum" && text.trim() !== "" && !(field.post.values ?? []).some((v) => enumText(v) === enumText(text));

/** Below this height tesseract's jpn model reads little: a second reading is then taken larger, not smaller. */
export const MIN_SECOND_HEIGHT = 32;

/**
 * The second reading's height: `scale` × the first's for one line; 1 / `scale` × for a block (PSM 6, several
 * lines, already small at the first height) and for a line that would fall below {@link MIN_SECOND_HEIGHT}.
 */
export const secondHeight = (firstHeight: number, psm: Psm, scale: number): number => {
  const smaller = Math.round(firstHeight * scale);
  return psm === 6 || smaller < MIN_SECOND_HEIGHT ? Math.round(firstHeight / scale) : smaller;
};

/**
 * Reads a cleaned crop that has ink, the second time (for `secondTypes`) at {@link secondHeight}: downscaled
 * from the crop, or upscaled (bilinear) when the crop is smaller than that.
 */
export const readCrop = (pool: RecognizerPool, crop: GreyRaster, field: TemplateField, o: CropReadingOptions): ResultAsync<CropReadings, OcrError> => {
  const psm: Psm = field.hints.psm ?? 7;
  const firstImage = downscaleGrey(crop, o.maxCropHeight);
  const first = pool.recognize({ image: firstImage, psm });
  // tesseract's jpn model reads a lone kanji far better as a line (PSM 7) than as a word (PSM 8): 子 comes
  // back as チー, 男 as 和田 (measured on the synthetic 性別 and 続柄 cells), so a re-reading is done as a line.
  const retryPsm: Psm = psm === 8 ? 7 : psm;
  const failed = (r: Recognition): boolean => r.text.trim() === "" || isOffList(field, r.text);
  // The re-reading at the retry height, and at the fallback height when that one is empty or off-list too.
  const reread = (): ResultAsync<Recognition, OcrError> => {
    const image = downscaleGrey(crop, o.retryHeight);
    const fallback = downscaleGrey(crop, FALLBACK_RETRY_HEIGHT);
    return pool.recognize({ image, psm: retryPsm }).andThen((s) =>
      failed(s) && fallback.height < image.height ? pool.recognize({ image: fallback, psm: retryPsm }).map((t) => (failed(t) ? s : t)) : okAsync(s),
    );
  };
  const retry = (r: Recognition): ResultAsync<CropReadings, OcrError> => {
    const image = downscaleGrey(crop, o.retryHeight);
    if (image.height === firstImage.height && retryPsm === psm) return okAsync({ first: r, second: null });
    // An empty first reading of an inked crop is replaced (there is nothing to compare); an off-list one is compared.
    if (r.text.trim() === "") return reread().map((s) => ({ first: s, second: null }));
    // An enum read off-list, or a listed value below the field's confidence threshold (a lone kanji often
    // is), is read again: a second reading that agrees confirms it, one that does not flags it.
    if (isOffList(field, r.text) || (field.type === "enum" && r.confidence < field.review.minConfidence)) {
      return reread().map((s) => ({ first: r, second: s }));
    }
    return okAsync({ first: r, second: null });
  };
  if (!o.secondTypes.has(field.type)) return first.andThen(retry);
  const secondImage = resizeGrey(crop, secondHeight(firstImage.height, psm, o.secondScale));
  if (secondImage.height === firstImage.height) return first.andThen(retry);
  // Both readings are queued at once, so that the workers share them.
  const second = pool.recognize({ image: secondImage, psm });
  return ResultAsync.combine([first, second]).andThen(([r, s]) => (r.text.trim() === "" ? retry(r) : okAsync({ first: r, second: s })));
};
