/**
 * The engine: decode → align to the template's reference (when it has one) → remove the tint →
 * crop every field (and household-member rows) → recognise on the worker pool → raw readings, handed
 * to an optional `postProcess` function (the typed post-processing lives in another module: this is
 * the seam).
 */
import { Result, ResultAsync, errAsync, ok, okAsync } from "neverthrow";
import { buildTemplateIndex, decodeReduced, identifyPage, reducePage, type Identification, type IdentifyOptions, type IndexCache, type TemplateIndex } from "../identify/index.ts";
import { estimateAlignment, warpGrey, type AlignOptions, type AlignmentFit } from "../pipeline/align.ts";
import { cropGrey, cropRegion, TEXT_BAND_FRACTION, textRowSpan, trimColumnsToInk, trimRowsIfCrushed, type PixelRect } from "../pipeline/crop.ts";
import { DEFAULT_DECODE_LIMITS, decodeImage, type DecodeLimits } from "../pipeline/decode-image.ts";
import { ocrError, type OcrError } from "../pipeline/ocr-error.ts";
import type { GreyRaster, RgbaRaster } from "../pipeline/raster.ts";
import { createRecognizerPool, type RecognizerPool, type RecognizerPoolOptions } from "../pipeline/recognizer-pool.ts";
import { clearBorderComponents, removeRuledLines } from "../pipeline/remove-lines.ts";
import { resizeGrey } from "../pipeline/resize-grey.ts";
import { biasedThresholds, binarize, DEFAULT_INK_BIAS, tintChannel } from "../pipeline/remove-tint.ts";
import type { DocumentKind, FieldType, Region, Template, TemplateField } from "../templates/template.ts";
import type { RawField, RawReading, RawRecognition } from "./raw-recognition.ts";
import { createPageReader, type PageReader } from "../authoring/page-words.ts";
import { readByLabels as readByLabelsWith, type LabelAnchoredReading } from "../fallback/read-by-labels.ts";
import { type CropReadingOptions, DEFAULT_RETRY_HEIGHT, DEFAULT_SECOND_SCALE, MIN_SECOND_HEIGHT, readCrop } from "./read-crop.ts";
import { readingFits } from "../postprocess/post-process.ts";

/** A scan: encoded bytes (JPEG, PNG, TIFF, scanned PDF) or an already decoded RGBA raster. */
export type ScanInput = Uint8Array | RgbaRaster;

/** Options of {@link createOcrEngine}. */
export interface OcrEngineOptions extends RecognizerPoolOptions {
  /** The templates this engine reads (decoded and validated by `templates/`). */
  readonly templates: readonly Template[];
  /**
   * Encoded reference images by template id, for templates whose `referenceImage` is not null (the
   * caller resolves the template-relative path; the engine reads no files of its own).
   */
  readonly references?: { readonly [templateId: string]: Uint8Array };
  /** Tuning of {@link OcrEngine.identify}; defaults in `DEFAULT_IDENTIFY_OPTIONS`. */
  readonly identify?: Partial<IdentifyOptions>;
  /**
   * Where the identification index keeps each reference's fingerprints between runs (e.g.
   * `createFileIndexCache(dir)`): building it for 500 templates takes about a minute cold, seconds
   * from the cache. Without one the index is built in memory on the first identification.
   */
  readonly indexCache?: IndexCache;
  readonly decodeLimits?: DecodeLimits;
  readonly align?: Partial<AlignOptions>;
  /** Tint threshold bias towards the paper (see `removeTint`); default {@link DEFAULT_INK_BIAS}. */
  readonly inkBias?: number;
  /**
   * Crops taller than this many pixels are downscaled (area average) before recognition; default
   * {@link DEFAULT_MAX_CROP_HEIGHT}; `Infinity` keeps full resolution.
   */
  readonly maxCropHeight?: number;
  /**
   * Pages whose lowest field is less high than this many pixels (at the reference's resolution) are read
   * enlarged, see {@link readingScale}; default {@link DEFAULT_MIN_FIELD_HEIGHT}; 0 never enlarges.
   */
  readonly minFieldHeight?: number;
  /** Fraction of dark pixels below which a crop is blank and not sent to the recogniser; default 0.002. */
  readonly blankInkRatio?: number;
  /**
   * Field types read a second time at another scale, so that post-processing can flag a field whose two
   * readings disagree; default {@link DEFAULT_SECOND_READING_TYPES} at {@link DEFAULT_SECOND_SCALE} of the
   * first reading's height. `types: []` reads a crop twice only when its first reading is empty or off-list.
   */
  readonly secondReading?: { readonly types?: readonly FieldType[]; readonly scale?: number };
  /**
   * An address line whose text is less high than this many scan pixels is also read by tesseract's legacy recogniser
   * (one worker, started on first need, with the npm package's `4.0.0` model): it reads the kanji block numbers of
   * small 明朝 lines that the line model turns into other kanji (三丁目十一番 → 三丁目トー番), and post-processing
   * takes its block numbers where the others' do not parse (ADR 19, sixteenth session). Default
   * {@link DEFAULT_LEGACY_BELOW_TEXT_HEIGHT}; 0 never does.
   */
  readonly legacyBelowTextHeight?: number;
}

/** Default {@link OcrEngineOptions.legacyBelowTextHeight}: the height under which an address is `text_too_small`. */
export const DEFAULT_LEGACY_BELOW_TEXT_HEIGHT = 22;

/**
 * Types read twice: those with no closed list or check digit to catch a misread character (an address's
 * 16号 read as 18号 is still an address; a residence card number, letters and digits with no check digit, read
 * OY95959071GD for OY95059071ED, still fits its pattern), and names in Roman letters (ITO MAKOTO read TO MAKOTO at
 * 64 px, right at 48 and 40: bench seed 45). Seeds 36–47: those two values right, no other value changed.
 */
export const DEFAULT_SECOND_READING_TYPES: readonly FieldType[] = ["address", "text", "date", "date-wareki", "date-seireki", "code", "roman-name"];

/**
 * Default largest crop height sent to tesseract. Measured on synthetic 300 dpi certificates and cards
 * (5 layouts × 2 seeds, 66 fields): raw exact 58/66 at full resolution, 63/66 at 64 px, 64/66 at
 * 56 px, 61/66 at 72 px, 62/66 at 48 px — tesseract's jpn LSTM misreads large 明朝 (六 → 大, 丁 → 本).
 */
export const DEFAULT_MAX_CROP_HEIGHT = 64;

/**
 * Default {@link OcrEngineOptions.minFieldHeight}. Measured on the bench's 200–250 dpi card scans (seeds 1–3,
 * 45 in-field values, raw exact): 23 read at the reference's resolution, 34 with the page read at twice it.
 */
export const DEFAULT_MIN_FIELD_HEIGHT = 56;

/** Largest factor {@link readingScale} applies: beyond it the upsampled page only costs time. */
export const MAX_READING_SCALE = 2.5;

/** Smallest factor {@link readingScale} applies: a page that needs less is read as it is. */
export const MIN_READING_SCALE = 1.5;

/**
 * The factor the aligned page is read at: the one that makes the template's lowest field region
 * `minFieldHeight` pixels high on a page `pageHeight` pixels high (at most {@link MAX_READING_SCALE}),
 * when that factor is at least {@link MIN_READING_SCALE}; else 1. A card scanned at 200 dpi has 27 px
 * fields: its glyphs binarised at that size lose the strokes that tell 日 from 昌, while the grey page
 * upsampled (bilinear) before binarisation keeps them. A page that is only a little small (a clean 48 px
 * field) reads as well as it is: the factor is for scans of clearly too low a resolution.
 */
export const readingScale = (template: Template, pageHeight: number, minFieldHeight: number): number => {
  const heights = [...template.fields, ...template.repeatGroups.flatMap((g) => g.fields)].map((f) => f.region.height * pageHeight);
  if (heights.length === 0 || !(minFieldHeight > 0)) return 1;
  const scale = Math.min(MAX_READING_SCALE, minFieldHeight / Math.min(...heights));
  return scale < MIN_READING_SCALE ? 1 : scale;
};

/** The fit that maps the scan onto the reference enlarged by `scale` (S · H, S = diag(scale, scale, 1)). */
const scaledFit = (fit: AlignmentFit, scale: number): AlignmentFit => {
  if (scale === 1) return fit;
  const h = fit.homography;
  return { ...fit, homography: h.map((v, i) => (i < 6 ? v * scale : v)) };
};

/** Options of {@link OcrEngine.recognize}. */
export interface RecognizeOptions {
  /** The template to read with; absent: the one identification picks. */
  readonly templateId?: string;
  /** 1-based page of a PDF or multi-page TIFF given as bytes; default 1. */
  readonly page?: number;
}

/** The engine. `R` is {@link RawRecognition}, or what the `postProcess` option returns. */
export interface OcrEngine<R> {
  /**
   * Reads a scan with the given template, or with the one {@link OcrEngine.identify} picks when no
   * `templateId` is given (then also its errors, `unidentified` among them).
   */
  recognize(image: ScanInput, options?: RecognizeOptions): ResultAsync<R, OcrError>;
  /** Reads a scan with a template given by value (a draft, a transient template) instead of a registered id. */
  recognizeWith(image: ScanInput, template: Template): ResultAsync<R, OcrError>;
  /**
   * The label-anchored fallback for a layout without a template: drafts a transient template from the
   * scan's own labels, reads it, and flags every field `label_anchored_fallback` (always the document
   * post-processing, whatever `postProcess` is). Starts a full-page reader (one more worker) on first use.
   */
  readByLabels(image: ScanInput, options: { readonly kind: DocumentKind; readonly today?: string }): ResultAsync<LabelAnchoredReading, OcrError>;
  /**
   * Picks the template of a scan by image (no OCR): layout fingerprints shortlist the templates, ORB +
   * RANSAC places the page, and the template whose blank form is found on it wins by a margin. Only
   * templates with a reference image (`referenceImage` set and its bytes in `references`) can be
   * identified; the others are left out. The index of the references is built on the first call
   * (once). Errors: decoding errors, and `unidentified` with how close the best came.
   */
  identify(image: ScanInput): ResultAsync<Identification, OcrError>;
  /** Terminates the recogniser workers; later calls fail with `pool_closed`. */
  close(): Promise<void>;
}

/** The post-processing seam: turns the raw readings of one page into the caller's result. */
export type PostProcess<R> = (raw: RawRecognition, template: Template) => R;

interface Job {
  readonly key: string;
  readonly group: string | null;
  readonly row: number | null;
  readonly field: TemplateField;
  readonly region: Region;
}

interface PreparedJob {
  readonly job: Job;
  /** The crop cleaned of ruled lines and border clutter. */
  readonly crop: GreyRaster;
  readonly rect: PixelRect;
  /** Almost no ink: not sent to the recogniser, read as empty. */
  readonly blank: boolean;
  /** The crop binarised at the other threshold and cleaned alike (see {@link AlternateView}); null for a blank crop. */
  readonly alternate: (() => GreyRaster) | null;
  /** The height of a one-line crop's text band in the scan's own pixels ({@link scanTextHeight}); null for a block or a blank crop. */
  readonly textHeight: number | null;
  /** The crop of the warped grey page (tint and all), before binarisation; null without a grey view. */
  readonly grey: (() => GreyRaster) | null;
}

/**
 * The grey page and a second binarisation level, for the crops' other view: plain Otsu beside the ink-biased
 * level (the bias that keeps thin 明朝 strokes also fills the ring of a handakuten, ポ read ボ), the biased level
 * beside plain Otsu on an enlarged low-resolution page. Null for tint `none` (nothing is binarised).
 */
interface AlternateView {
  readonly grey: GreyRaster;
  readonly threshold: number;
}

const DARK = 128;

/**
 * Blank paper kept beside a value's ink, as a fraction of the crop's height, when a crop is trimmed to its
 * inked columns (`trimColumnsToInk`). Measured on bench seeds 1–3 (480 non-name values): 457 → 461 exact,
 * no value wrong that was right untrimmed.
 */
const TRIM_PAD = 0.3;

/**
 * Height in pixels below which a line of text reaches tesseract too small to read: the text band of a crop of
 * the usual proportion ({@link TEXT_BAND_FRACTION}) at {@link MIN_SECOND_HEIGHT}, under which the jpn model
 * reads little (18 px).
 */
export const MIN_LEGIBLE_BAND = Math.round(MIN_SECOND_HEIGHT * TEXT_BAND_FRACTION);

/**
 * A cleaned binary crop cut to its text. Rows: when the downscale to the reading height (`maxCropHeight`) would
 * bring its text band below {@link MIN_LEGIBLE_BAND}, the crop is cut to the band with paper of the usual
 * proportion (`trimRowsIfCrushed`), so that the reading heights scale the glyphs rather than the blank paper — a
 * 300 dpi card address 18 px high in a 139 px crop (a two-line box holding one line shrunk to fit its width)
 * reached tesseract 8 px high at 64 px and read as noise. Text that stays legible keeps its crop and scale (a
 * kana name cut to its band and so read larger took ヨ for ョ). Then columns to the ink, with {@link TRIM_PAD}
 * of the (new) height beside it.
 */
const trimToText = (clean: GreyRaster, maxCropHeight: number): GreyRaster => {
  const rows = trimRowsIfCrushed(clean, maxCropHeight, MIN_LEGIBLE_BAND);
  return trimColumnsToInk(rows, TRIM_PAD * rows.height);
};

const inkRatio = (crop: GreyRaster): number => {
  let dark = 0;
  for (let i = 0; i < crop.data.length; i++) if (crop.data[i]! < DARK) dark++;
  return dark / crop.data.length;
};

/**
 * How high a one-line crop's text is in the scan's own pixels: its text band (first to last inked row, specks
 * aside) on the page read, divided by the page's pixels per scan pixel. Null for a block (several lines: the band
 * is not a glyph's height) and for a crop without ink.
 */
const scanTextHeight = (clean: GreyRaster, field: TemplateField, pagePerScanPixel: number): number | null => {
  if ((field.hints.psm ?? 7) === 6) return null;
  const band = textRowSpan(clean);
  return band === null ? null : Math.round(((band.last - band.first + 1) / pagePerScanPixel) * 10) / 10;
};

const shiftRegion = (region: Region, step: { readonly dx: number; readonly dy: number }, row: number): Region => ({
  ...region,
  x: region.x + row * step.dx,
  y: region.y + row * step.dy,
});

// The postProcess overload comes first so that its callback parameters are contextually typed.
/**
 * Starts an engine: validates the options, starts the recogniser pool (fails fast with
 * `language_data_missing` when the language data is absent), and returns the engine.
 */
export function createOcrEngine<R>(options: OcrEngineOptions & { readonly postProcess: PostProcess<R> }): ResultAsync<OcrEngine<R>, OcrError>;
export function createOcrEngine(options: OcrEngineOptions): ResultAsync<OcrEngine<RawRecognition>, OcrError>;
export function createOcrEngine<R>(options: OcrEngineOptions & { readonly postProcess?: PostProcess<R> }): ResultAsync<OcrEngine<R | RawRecognition>, OcrError> {
  const byId = new Map<string, Template>();
  for (const t of options.templates) {
    if (byId.has(t.id)) return errAsync(ocrError("invalid_input", "engine", `template id ${t.id} appears twice`));
    byId.set(t.id, t);
  }
  const blankInkRatio = options.blankInkRatio ?? 0.002;
  const limits = options.decodeLimits ?? DEFAULT_DECODE_LIMITS;
  const poolOptions: RecognizerPoolOptions = {
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    ...(options.langPath === undefined ? {} : { langPath: options.langPath }),
    ...(options.gzip === undefined ? {} : { gzip: options.gzip }),
    ...(options.lang === undefined ? {} : { lang: options.lang }),
  };
  return createRecognizerPool(poolOptions).map((pool) => makeEngine(pool, byId, options, limits, blankInkRatio));
}

const makeEngine = <R>(
  pool: RecognizerPool,
  byId: ReadonlyMap<string, Template>,
  options: OcrEngineOptions & { readonly postProcess?: PostProcess<R> },
  limits: DecodeLimits,
  blankInkRatio: number,
): OcrEngine<R | RawRecognition> => {
  const referenceCache = new Map<string, ResultAsync<RgbaRaster, OcrError>>();
  const toRaster = (image: ScanInput): ResultAsync<RgbaRaster, OcrError> =>
    image instanceof Uint8Array ? decodeImage(image, limits) : okAsync(image);

  const reference = (template: Template): ResultAsync<RgbaRaster | null, OcrError> => {
    if (template.referenceImage === null) return okAsync(null);
    const bytes = options.references?.[template.id];
    if (bytes === undefined) {
      return errAsync(ocrError("reference_missing", "align", `template ${template.id} needs its reference image for alignment; none was supplied`));
    }
    let cached = referenceCache.get(template.id);
    if (cached === undefined) {
      cached = decodeImage(bytes, limits);
      referenceCache.set(template.id, cached);
    }
    return cached;
  };

  const readingOptions: CropReadingOptions = {
    maxCropHeight: options.maxCropHeight ?? DEFAULT_MAX_CROP_HEIGHT,
    secondTypes: new Set(options.secondReading?.types ?? DEFAULT_SECOND_READING_TYPES),
    secondScale: options.secondReading?.scale ?? DEFAULT_SECOND_SCALE,
    retryHeight: DEFAULT_RETRY_HEIGHT,
  };

  /** Crops and cleans every job's region, and tells the crops with almost no ink (never sent to the recogniser). */
  const prepareJobs = (page: GreyRaster, jobs: readonly Job[], view: AlternateView | null, pagePerScanPixel: number): Result<PreparedJob[], OcrError> =>
    Result.combine(
      jobs.map((job) =>
        cropRegion(page, job.region).map(({ crop, rect }) => {
          const clean = clearBorderComponents(removeRuledLines(crop));
          const blank = inkRatio(clean) < blankInkRatio;
          const alternate =
            blank || view === null
              ? null
              : () => trimToText(clearBorderComponents(removeRuledLines(binarize(cropGrey(view.grey, rect), view.threshold))), readingOptions.maxCropHeight);
          const textHeight = blank ? null : scanTextHeight(clean, job.field, pagePerScanPixel);
          const grey = view === null ? null : () => cropGrey(view.grey, rect);
          return { job, crop: blank ? clean : trimToText(clean, readingOptions.maxCropHeight), rect, blank, alternate, textHeight, grey };
        }),
      ),
    );

  // The legacy recogniser's pool, started on the first small address line only: most pages never need it.
  const legacyBelow = options.legacyBelowTextHeight ?? DEFAULT_LEGACY_BELOW_TEXT_HEIGHT;
  let legacyPool: ResultAsync<RecognizerPool, OcrError> | null = null;
  const legacyReading = (field: TemplateField, crop: GreyRaster, textHeight: number | null, grey: (() => GreyRaster) | null): ResultAsync<string | null, OcrError> => {
    if (field.type !== "address" || textHeight === null || textHeight >= legacyBelow || (field.hints.psm ?? 7) !== 7) return okAsync(null);
    // A pool started after close() would never be terminated.
    if (closing) return okAsync(null);
    legacyPool ??= createRecognizerPool({ workers: 1, engine: "legacy", ...(options.lang === undefined ? {} : { lang: options.lang }) });
    // The grey crop at the page's resolution (tint and all): the legacy classifier binarises it itself, and reads it
    // far better than the engine's binarised crop or the scan's own size (probe, seeds 930000–930005).
    const image = grey?.() ?? crop;
    // Evidence only: without the legacy model (a deployment that ships only best_int) or after a worker failure, the
    // line model's readings stand alone, as before.
    return legacyPool
      .andThen((p) => p.recognize({ image, psm: 7 }))
      .map((r): string | null => r.text)
      .orElse(() => okAsync(null));
  };

  const readPrepared = (prepared: readonly PreparedJob[]): ResultAsync<RawField[], OcrError> =>
    ResultAsync.combine(
      prepared.map(({ job, crop, rect, blank, alternate, textHeight, grey }) => {
        const base = { key: job.key, group: job.group, row: job.row, region: job.region, pixels: rect, ...(textHeight === null ? {} : { textHeight }) };
        if (blank) return okAsync<RawField, OcrError>({ ...base, raw: "", confidence: 0, symbols: [], blank: true });
        return ResultAsync.combine([
          readCrop(pool, crop, job.field, readingOptions, (text) => readingFits(job.field, text), alternate ?? undefined),
          legacyReading(job.field, crop, textHeight, grey),
        ] as const).map(
          ([{ first, second, more }, legacy]): RawField => ({
            ...base,
            raw: first.text,
            confidence: first.confidence,
            symbols: first.symbols,
            blank: false,
            ...(second === null ? {} : { second: { raw: second.text, confidence: second.confidence } }),
            ...(more.length === 0 ? {} : { more: more.map((m) => m.text) }),
            ...(legacy === null ? {} : { legacy }),
          }),
        );
      }),
    );

  const readPage = (template: Template, page: GreyRaster, view: AlternateView | null, pagePerScanPixel: number): ResultAsync<{ fields: RawField[]; rows: Map<string, RawField[][]> }, OcrError> => {
    const pageJobs: Job[] = template.fields.map((field) => ({ key: field.key, group: null, row: null, field, region: field.region }));
    const presenceJobs: Job[] = template.repeatGroups.flatMap((g) => {
      const presence = g.fields.find((f) => f.key === g.presenceField);
      if (presence === undefined) return [];
      return Array.from({ length: g.maxCount }, (_, row) => ({ key: presence.key, group: g.key, row, field: presence, region: shiftRegion(presence.region, g.step, row) }));
    });
    const preparedPresences = prepareJobs(page, presenceJobs, view, pagePerScanPixel);
    if (preparedPresences.isErr()) return errAsync(preparedPresences.error);
    // Rows up to the first presence cell without ink are read at once with the page fields, so that the
    // workers never wait for the presence readings (one barrier per page cost up to a crop's reading on
    // each worker). A row whose presence cell has ink but reads empty still ends the group below; only
    // its own and later rows' readings are then wasted.
    const candidates = new Map<string, number>();
    for (const g of template.repeatGroups) {
      const own = preparedPresences.value.filter((p) => p.job.group === g.key);
      const firstBlank = own.findIndex((p) => p.blank);
      candidates.set(g.key, firstBlank === -1 ? own.length : firstBlank);
    }
    const restJobs: Job[] = template.repeatGroups.flatMap((g) =>
      Array.from({ length: candidates.get(g.key) ?? 0 }, (_, row) =>
        g.fields.filter((f) => f.key !== g.presenceField).map((field) => ({ key: field.key, group: g.key, row, field, region: shiftRegion(field.region, g.step, row) })),
      ).flat(),
    );
    const preparedPage = prepareJobs(page, pageJobs, view, pagePerScanPixel);
    const preparedRest = prepareJobs(page, restJobs, view, pagePerScanPixel);
    if (preparedPage.isErr()) return errAsync(preparedPage.error);
    if (preparedRest.isErr()) return errAsync(preparedRest.error);
    const readPresences = preparedPresences.value.filter((p) => p.job.row !== null && p.job.row <= (candidates.get(p.job.group ?? "") ?? 0));
    return ResultAsync.combine([readPrepared(preparedPage.value), readPrepared(readPresences), readPrepared(preparedRest.value)]).map(([fields, presences, rest]) => {
      const rows = new Map<string, RawField[][]>();
      for (const g of template.repeatGroups) {
        // The group ends at the first presence cell that is blank or read as empty.
        const own = presences.filter((p) => p.group === g.key);
        const firstEmpty = own.findIndex((p) => p.raw.replace(/\s/g, "") === "");
        const count = firstEmpty === -1 ? own.length : firstEmpty;
        const all = [...own, ...rest].filter((f) => f.group === g.key && f.row !== null && f.row < count);
        rows.set(
          g.key,
          Array.from({ length: count }, (_, row) => {
            const inRow = all.filter((f) => f.row === row);
            return g.fields.map((f) => inRow.find((r) => r.key === f.key)).filter((f): f is RawField => f !== undefined);
          }),
        );
      }
      return { fields, rows };
    });
  };

  const minFieldHeight = options.minFieldHeight ?? DEFAULT_MIN_FIELD_HEIGHT;
  const recognizeRaw = (image: ScanInput, template: Template): ResultAsync<RawRecognition, OcrError> =>
    ResultAsync.combine([toRaster(image), reference(template)])
      .andThen(([scan, ref]): Result<{ page: GreyRaster; fit: AlignmentFit | null; scale: number }, OcrError> => {
        // Only the channel that is binarised is warped: a quarter of the RGBA data.
        const channel = tintChannel(scan, template.tint);
        const scale = readingScale(template, (ref ?? scan).height, minFieldHeight);
        if (ref === null) return ok({ page: scale === 1 ? channel : resizeGrey(channel, Math.round(channel.height * scale)), fit: null, scale });
        return estimateAlignment(scan, ref, options.align ?? {}).andThen((fit) =>
          warpGrey(channel, scaledFit(fit, scale), { width: Math.round(ref.width * scale), height: Math.round(ref.height * scale) }).map((page) => ({ page, fit, scale })),
        );
      })
      .andThen(({ page, fit, scale }) => {
        // An enlarged page is a low-resolution scan whose blur already spreads a stroke over more than its width:
        // the bias towards the paper (meant for thin 明朝 strokes at full resolution) would merge strokes into blobs.
        const bias = scale > 1 ? 0 : (options.inkBias ?? DEFAULT_INK_BIAS);
        const [level, otherLevel] = template.tint === "none" ? [undefined, undefined] : biasedThresholds(page, [bias, bias > 0 ? 0 : DEFAULT_INK_BIAS]);
        const tint = { image: level === undefined ? page : binarize(page, level), threshold: level ?? null };
        const view = otherLevel === undefined ? null : { grey: page, threshold: otherLevel };
        // The page's pixels per scan pixel, vertically: the reading scale times the fit's (reference pixels per scan pixel).
        const pagePerScanPixel = scale * (fit?.scaleY ?? 1);
        return readPage(template, tint.image, view, pagePerScanPixel).map(({ fields, rows }): RawRecognition => {
          const reading = (f: RawField): RawReading => ({
            raw: f.raw,
            confidence: f.confidence,
            ...(f.symbols.length === 0 ? {} : { weakestSymbol: Math.min(...f.symbols.map((x) => x.confidence)) }),
            ...(f.second === undefined ? {} : { secondRaw: f.second.raw, secondConfidence: f.second.confidence }),
            ...(f.more === undefined ? {} : { moreRaw: f.more }),
            ...(f.textHeight === undefined ? {} : { textHeight: f.textHeight }),
            ...(f.legacy === undefined ? {} : { legacyRaw: f.legacy }),
          });
          const groups: { [groupKey: string]: { readonly [fieldKey: string]: RawReading }[] } = {};
          for (const [key, groupRows] of rows) groups[key] = groupRows.map((row) => Object.fromEntries(row.map((f) => [f.key, reading(f)])));
          return {
            templateId: template.id,
            fields: [...fields, ...[...rows.values()].flat(2)],
            readings: { fields: Object.fromEntries(fields.map((f) => [f.key, reading(f)])), groups },
            alignment: fit,
            tintThreshold: tint.threshold,
            page: { width: page.width, height: page.height },
          };
        });
      });

  const recognizeWith = (image: ScanInput, template: Template): ResultAsync<R | RawRecognition, OcrError> =>
    recognizeRaw(image, template).map((raw) => (options.postProcess === undefined ? raw : options.postProcess(raw, template)));

  // Built on the first identification, from the templates that have a reference image.
  let index: ResultAsync<TemplateIndex, OcrError> | null = null;
  const identifyReduced = (page: RgbaRaster): ResultAsync<Identification, OcrError> => {
    index ??= buildTemplateIndex(
      [...byId.values()].flatMap((t) => {
        const bytes = t.referenceImage === null ? undefined : options.references?.[t.id];
        return bytes === undefined ? [] : [{ templateId: t.id, image: bytes }];
      }),
      limits,
      options.indexCache === undefined ? {} : { cache: options.indexCache },
    );
    return index.andThen((ix) => identifyPage(ix, page, options.identify ?? {}));
  };
  const identify = (image: ScanInput): ResultAsync<Identification, OcrError> =>
    (image instanceof Uint8Array ? decodeReduced(image, limits) : reducePage(image)).andThen(identifyReduced);

  const recognize = (image: ScanInput, { templateId, page }: RecognizeOptions = {}): ResultAsync<R | RawRecognition, OcrError> => {
    if (page !== undefined && image instanceof Uint8Array) {
      // A page of a PDF or multi-page TIFF: decoded once here, then read like any raster.
      return decodeImage(image, limits, { page }).andThen((scan) => recognize(scan, templateId === undefined ? {} : { templateId }));
    }
    if (templateId === undefined) {
      // Decoded once: the page is reduced for identification and read at full size.
      return toRaster(image).andThen((scan) => reducePage(scan).andThen(identifyReduced).andThen((found) => recognize(scan, { templateId: found.templateId })));
    }
    const template = byId.get(templateId);
    if (template === undefined) return errAsync(ocrError("template_not_found", "engine", `no template with id ${templateId}`));
    return recognizeWith(image, template);
  };

  // The full-page reader of the fallback, started on first use only: most engines never need it.
  let pageReader: ResultAsync<PageReader, OcrError> | null = null;
  let closing = false;
  const readByLabels = (image: ScanInput, { kind, today }: { readonly kind: DocumentKind; readonly today?: string }): ResultAsync<LabelAnchoredReading, OcrError> => {
    // A reader started after close() would never be terminated.
    if (closing) return errAsync(ocrError("pool_closed", "fallback", "the engine is closed"));
    pageReader ??= createPageReader({
      ...(options.langPath === undefined ? {} : { langPath: options.langPath }),
      ...(options.gzip === undefined ? {} : { gzip: options.gzip }),
      ...(options.lang === undefined ? {} : { lang: options.lang }),
    });
    return pageReader.andThen((reader) => readByLabelsWith(image, { kind, today: today ?? new Date().toISOString().slice(0, 10) }, { reader, readRaw: recognizeRaw }));
  };

  return {
    recognize,
    recognizeWith,
    readByLabels,
    identify,
    close: async () => {
      closing = true;
      const reader = pageReader === null ? null : await pageReader;
      const legacy = legacyPool === null ? null : await legacyPool;
      await Promise.all([pool.close(), reader?.isOk() === true ? reader.value.close() : undefined, legacy?.isOk() === true ? legacy.value.close() : undefined]);
    },
  };
};
