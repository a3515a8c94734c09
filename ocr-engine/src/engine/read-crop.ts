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
import type { Psm, Recognition, RecognizeJob, RecognizerPool } from "../pipeline/recognizer-pool.ts";
import { downscaleGrey, resizeGrey } from "../pipeline/resize-grey.ts";
import type { FieldType, TemplateField } from "../templates/template.ts";
import { kanaTextAtWidestGap } from "./kana-spacing.ts";

/**
 * The readings of one crop: the one reported as the field's text, the second one when there is one, and
 * further ones taken when the first two disagree or do not fit the field (they vote in post-processing).
 */
export interface CropReadings {
  readonly first: Recognition;
  readonly second: Recognition | null;
  readonly more: readonly Recognition[];
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

/** Text without its spaces: tesseract's spacing between Japanese words varies by scale and means nothing. */
const squash = (text: string): string => text.replace(/\s+/g, "");

/**
 * Kana of the は row with a dakuten or handakuten: the marks that blur and binarisation confuse (ポ read ボ, ぷ
 * read ぶ, both readings agreeing when both come from the same binarisation). A reading with one is checked
 * against the crop's other binarisation.
 */
export const MARKED_KANA = /[ばびぶべぼぱぴぷぺぽバビブベボパピプペポ]/u;

/**
 * Heights of the readings that settle a disagreement: between the first two readings' heights, then the
 * retry height (or, for a block, the first height over the scale squared: larger again).
 */
export const tieBreakHeights = (firstHeight: number, secondHeight: number, psm: Psm, o: CropReadingOptions): readonly number[] => {
  const between = Math.round((firstHeight + secondHeight) / 2);
  const further = psm === 6 || secondHeight > firstHeight ? Math.round(secondHeight / o.secondScale) : o.retryHeight;
  return [between, further].filter((h, i, all) => h !== firstHeight && h !== secondHeight && all.indexOf(h) === i);
};

/**
 * Reads a cleaned crop that has ink, the second time (for `secondTypes`) at {@link secondHeight}: downscaled
 * from the crop, or upscaled (bilinear) when the crop is smaller than that. When the two readings differ
 * (spaces aside), the first does not fit its field (`fits`: its type's grammar and the template's pattern) or
 * a reading holds a {@link MARKED_KANA}, the crop is read again — first its `alternate` (the same crop
 * binarised at the other threshold: an independent view), then at {@link tieBreakHeights} — until some text
 * has been read twice: three readings outvote one misread, which two cannot. A field of another type (a card
 * number, a licence number) whose first reading does not fit is read again at the second and the retry
 * heights until one fits; one whose reading holds a marked kana is read in its alternate view too.
 */
export const readCrop = (
  pool: RecognizerPool,
  crop: GreyRaster,
  field: TemplateField,
  o: CropReadingOptions,
  fits: (text: string) => boolean = () => true,
  alternate?: () => GreyRaster,
): ResultAsync<CropReadings, OcrError> => {
  const psm: Psm = field.hints.psm ?? 7;
  // A furigana's text is spaced by where its words are before anything is decided on it (whether it fits).
  const recognize = (job: RecognizeJob): ResultAsync<Recognition, OcrError> =>
    field.type === "kana" ? pool.recognize(job).map((r) => ({ ...r, text: kanaTextAtWidestGap(r) })) : pool.recognize(job);
  const firstImage = downscaleGrey(crop, o.maxCropHeight);
  const first = recognize({ image: firstImage, psm });
  // tesseract's jpn model reads a lone kanji far better as a line (PSM 7) than as a word (PSM 8): 子 comes
  // back as チー, 男 as 和田 (measured on the synthetic 性別 and 続柄 cells), so a re-reading is done as a line.
  const retryPsm: Psm = psm === 8 ? 7 : psm;
  const failed = (r: Recognition): boolean => r.text.trim() === "" || isOffList(field, r.text);
  const alternateView = alternate === undefined ? [] : [() => downscaleGrey(alternate(), o.maxCropHeight)];
  const atHeight = (h: number) => () => resizeGrey(crop, h);
  /** Reads each image in turn until `done` holds for the readings so far (at least one is read). */
  const readEach = (
    images: readonly (() => GreyRaster)[],
    done: (readings: readonly Recognition[]) => boolean,
    sofar: readonly Recognition[] = [],
    as: Psm = psm,
  ): ResultAsync<Recognition[], OcrError> => {
    const [next, ...rest] = images;
    if (next === undefined || (sofar.length > 0 && done(sofar))) return okAsync([...sofar]);
    return recognize({ image: next(), psm: as }).andThen((r) => readEach(rest, done, [...sofar, r], as));
  };
  // The re-reading at the retry height, and at the fallback height when that one is empty or off-list too;
  // then, when both fail, the alternate view at the first and the retry heights (男 read 画 in both sizes of
  // one binarisation); then, for a one-line field, the crop read as a block (PSM 6). The first usable
  // reading, or the retry's.
  const reread = (): ResultAsync<Recognition, OcrError> => {
    const image = downscaleGrey(crop, o.retryHeight);
    const fallback = downscaleGrey(crop, FALLBACK_RETRY_HEIGHT);
    const views = [() => fallback, ...(alternate === undefined ? [] : [() => downscaleGrey(alternate(), o.maxCropHeight), () => downscaleGrey(alternate(), o.retryHeight)])];
    return recognize({ image, psm: retryPsm }).andThen((s) => {
      if (!failed(s)) return okAsync(s);
      const others = fallback.height < image.height ? views : views.slice(1);
      const usable = (rs: readonly Recognition[]) => rs.find((t) => !failed(t));
      return readEach(others, (rs) => !failed(rs[rs.length - 1]!), [], retryPsm).andThen((rs) => {
        const found = usable(rs);
        if (found !== undefined || retryPsm === 6) return okAsync(found ?? s);
        // tesseract's line mode drops some lone kanji at every height its block mode reads them at: 妻 in a
        // 転出証明書's 続柄 cell (bench seed 22) came back empty as a line at 32, 40 and 64 px and as 妻 as a block
        // at 24–100 px.
        const asBlock = [o.maxCropHeight, o.retryHeight].map((h) => () => downscaleGrey(crop, h));
        return readEach(asBlock, (more) => !failed(more[more.length - 1]!), [], 6).map((more) => usable(more) ?? s);
      });
    });
  };
  const retry = (r: Recognition): ResultAsync<CropReadings, OcrError> => {
    const image = downscaleGrey(crop, o.retryHeight);
    if (image.height === firstImage.height && retryPsm === psm) return okAsync({ first: r, second: null, more: [] });
    // An empty first reading of an inked crop is replaced (there is nothing to compare); an off-list one is compared.
    if (r.text.trim() === "") return reread().map((s) => ({ first: s, second: null, more: [] }));
    // An enum read off-list, or a listed value below the field's confidence threshold (a lone kanji often
    // is), is read again: a second reading that agrees confirms it, one that does not flags it.
    if (isOffList(field, r.text) || (field.type === "enum" && r.confidence < field.review.minConfidence)) {
      return reread().map((s) => ({ first: r, second: s, more: [] }));
    }
    if (field.type !== "enum" && !fits(r.text)) {
      const heights = [secondHeight(firstImage.height, psm, o.secondScale), o.retryHeight].filter((h) => h !== firstImage.height);
      return readEach(heights.map(atHeight), (rs) => fits(rs[rs.length - 1]!.text)).map(([s, ...more]) => ({ first: r, second: s ?? null, more }));
    }
    if (MARKED_KANA.test(r.text) && alternateView.length > 0) return readEach(alternateView, () => true).map(([s]) => ({ first: r, second: s ?? null, more: [] }));
    return okAsync({ first: r, second: null, more: [] });
  };
  if (!o.secondTypes.has(field.type)) return first.andThen(retry);
  const secondImage = resizeGrey(crop, secondHeight(firstImage.height, psm, o.secondScale));
  if (secondImage.height === firstImage.height) return first.andThen(retry);
  // Both readings are queued at once, so that the workers share them.
  const second = recognize({ image: secondImage, psm });
  return ResultAsync.combine([first, second]).andThen(([r, s]) => {
    if (r.text.trim() === "") return retry(r);
    const marked = MARKED_KANA.test(r.text) || MARKED_KANA.test(s.text);
    if (squash(r.text) === squash(s.text) && fits(r.text) && !(marked && alternateView.length > 0)) return okAsync({ first: r, second: s, more: [] });
    // Some text read twice settles it (the vote is post-processing's, on normalised values) — unless the two readings
    // agree on a text that does not fit: then, as for a field read once, the crop is read until a reading fits
    // (IC03941241MB read ICO03941241MB at 64 and 48 px, right at 40: bench seed 36).
    const settled = (more: readonly Recognition[]): boolean => {
      const texts = [r, s, ...more].map((x) => squash(x.text));
      return texts.some((t, i) => texts.indexOf(t) !== i);
    };
    const agreedUnfit = squash(r.text) === squash(s.text) && !fits(r.text);
    const done = agreedUnfit ? (more: readonly Recognition[]) => fits(more[more.length - 1]!.text) : settled;
    const images = [...alternateView, ...tieBreakHeights(firstImage.height, secondImage.height, psm, o).map(atHeight)];
    return readEach(images, done).map((more) => ({ first: r, second: s, more }));
  });
};
