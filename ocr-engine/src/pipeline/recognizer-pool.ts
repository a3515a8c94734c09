/**
 * A pool of tesseract.js workers, sized to the cores, that recognises grey crops one field at a time.
 *
 * Not tesseract.js's own Scheduler: a scheduler job cannot set parameters, and each field needs its
 * own page segmentation mode. Each worker remembers its current PSM and is switched only when a job
 * needs another, so a page of single-line fields pays for no switches.
 *
 * Language data is always local (`langPath` on disk, `cacheMethod: "none"`): offline, tesseract.js's
 * default CDN download crashes the process with an uncaught fetch error, and the default cache writes
 * the model into the working directory.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Schema } from "effect";
import { ResultAsync, errAsync, okAsync } from "neverthrow";
import { createWorker, OEM, type Page, type Worker } from "tesseract.js";
import { toPgm } from "./crop.ts";
import { ocrError, type OcrError } from "./ocr-error.ts";
import type { GreyRaster } from "./raster.ts";

/** Page segmentation modes: 6 block, 7 single line, 8 single word, 10 single character, 13 raw line. */
export type Psm = 6 | 7 | 8 | 10 | 13;

/** One crop to recognise. */
export interface RecognizeJob {
  readonly image: GreyRaster;
  /** Default 7 (single line). */
  readonly psm?: Psm;
}

/** One recognised character and tesseract's confidence in it. */
export interface RecognizedSymbol {
  readonly text: string;
  /** 0..100 */
  readonly confidence: number;
}

/** A word as tesseract segmented it: its text, its horizontal extent in the crop (px) and its line. */
export interface RecognizedWord {
  readonly text: string;
  readonly x0: number;
  readonly x1: number;
  readonly line: number;
}

/** What tesseract read in one crop. */
export interface Recognition {
  /** The text as tesseract returned it, with surrounding whitespace trimmed (inner spaces kept). */
  readonly text: string;
  /** Mean word confidence, 0..100. */
  readonly confidence: number;
  /**
   * Every character (tesseract's symbols, in reading order) with its own confidence: a mean hides one
   * misread character among ten sure ones, the weakest character does not.
   */
  readonly symbols: readonly RecognizedSymbol[];
  /** The words in reading order, with where they are: the gaps between them (absent from readings made by fakes). */
  readonly words?: readonly RecognizedWord[];
}

/** Options of {@link createRecognizerPool}, validated at construction. */
export const RecognizerPoolOptions = Schema.Struct({
  /** Number of workers; default `os.availableParallelism()`. Each costs ~50–90 MB. */
  workers: Schema.optional(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 64 }))),
  /** Directory holding `<lang>.traineddata[.gz]`; default the npm package `@tesseract.js-data/jpn` (best_int). */
  langPath: Schema.optional(Schema.String.check(Schema.isMinLength(1))),
  /** Whether the language file is gzipped (`.gz`); default true for the npm package, false for a configured directory. */
  gzip: Schema.optional(Schema.Boolean),
  /** Tesseract language code(s), e.g. `jpn` or `jpn+eng`; default `jpn`. */
  lang: Schema.optional(Schema.String.check(Schema.isPattern(/^[a-z_]+(\+[a-z_]+)*$/))),
  /**
   * Which of tesseract's recognisers: `lstm` (default, the line model) or `legacy` (the older character classifier,
   * which needs a model with its data: by default the npm package's `4.0.0` model, not `best_int`).
   */
  engine: Schema.optional(Schema.Literals(["lstm", "legacy"])),
});

/** Options of {@link createRecognizerPool}. */
export type RecognizerPoolOptions = typeof RecognizerPoolOptions.Type;

/** A running pool. Every method is safe to call concurrently. */
export interface RecognizerPool {
  /** Recognises one crop on the next free worker. `pool_closed` after {@link RecognizerPool.close}. */
  recognize(job: RecognizeJob): ResultAsync<Recognition, OcrError>;
  /** Number of workers started and not yet terminated. */
  readonly size: () => number;
  /** Terminates every worker; pending jobs fail with `pool_closed`. Idempotent. */
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);

/** The directory of the npm package's best_int Japanese model (gzipped). */
export const defaultJapaneseLangPath = (): string => join(require.resolve("@tesseract.js-data/jpn/package.json"), "..", "4.0.0_best_int");

/** The directory of the npm package's `4.0.0` Japanese model (gzipped), which holds the legacy recogniser's data too. */
export const defaultJapaneseLegacyLangPath = (): string => join(require.resolve("@tesseract.js-data/jpn/package.json"), "..", "4.0.0");

const decodeOptions = Schema.decodeUnknownResult(RecognizerPoolOptions);

interface Slot {
  readonly worker: Worker;
  psm: Psm | null;
  /** The job running on this worker, so that close() can settle it: a terminated worker never answers. */
  current: Pending | null;
}

interface Pending {
  readonly job: RecognizeJob;
  readonly resolve: (value: Recognition) => void;
  readonly reject: (reason: OcrError) => void;
}

/**
 * Starts the workers and loads the language into each. Errors: `invalid_input` (bad options),
 * `language_data_missing` (no traineddata file where configured), `recognizer_failed` (a worker did not start).
 */
export const createRecognizerPool = (options: RecognizerPoolOptions = {}): ResultAsync<RecognizerPool, OcrError> => {
  const decoded = decodeOptions(options, { errors: "all" });
  if (decoded._tag === "Failure") return errAsync(ocrError("invalid_input", "recognize", `recognizer pool options: ${decoded.failure.message}`));
  const o = decoded.success;
  const legacy = o.engine === "legacy";
  const langPath = o.langPath ?? (legacy ? defaultJapaneseLegacyLangPath() : defaultJapaneseLangPath());
  const gzip = o.gzip ?? o.langPath === undefined;
  const langs = (o.lang ?? "jpn").split("+");
  const missing = langs.filter((lang) => !existsSync(join(langPath, `${lang}.traineddata${gzip ? ".gz" : ""}`)));
  if (missing.length > 0) {
    return errAsync(
      ocrError("language_data_missing", "recognize", `language data ${missing.join(", ")} not found in ${langPath} (gzip: ${gzip}); it is never downloaded`),
    );
  }
  const count = o.workers ?? Math.max(1, availableParallelism());
  const started: Worker[] = [];
  const start = async () => {
    for (let i = 0; i < count; i++) {
      // Sequential start: loading the model in parallel doubles peak memory for no gain in wall time on 2 cores.
      const worker = await createWorker(langs, legacy ? OEM.TESSERACT_ONLY : OEM.LSTM_ONLY, {
        langPath,
        gzip,
        cacheMethod: "none",
        errorHandler: () => undefined, // errors reach us through the rejected job promise instead
      });
      started.push(worker);
    }
  };
  return ResultAsync.fromPromise(start(), (cause) => {
    void Promise.allSettled(started.map((w) => w.terminate()));
    return ocrError("recognizer_failed", "recognize", "a tesseract.js worker could not start", { cause, retryable: true });
  }).andThen(() => okAsync(makePool(started.map((worker) => ({ worker, psm: null, current: null })))));
};

/** The symbols of tesseract's block tree, flattened in reading order; spaces (which it reports too) left out. */
const symbolsOf = (page: Page): RecognizedSymbol[] =>
  (page.blocks ?? []).flatMap((b) =>
    b.paragraphs.flatMap((p) => p.lines.flatMap((l) => l.words.flatMap((w) => w.symbols.filter((s) => s.text.trim() !== "").map((s) => ({ text: s.text, confidence: s.confidence }))))),
  );

/** The words of tesseract's block tree in reading order, numbered by line. */
const wordsOf = (page: Page): RecognizedWord[] =>
  (page.blocks ?? [])
    .flatMap((b) => b.paragraphs.flatMap((p) => p.lines))
    .flatMap((l, line) => l.words.filter((w) => w.text.trim() !== "").map((w) => ({ text: w.text.trim(), x0: w.bbox.x0, x1: w.bbox.x1, line })));

const makePool = (slots: Slot[]): RecognizerPool => {
  const idle: Slot[] = [...slots];
  const queue: Pending[] = [];
  let alive = slots.length;
  let closed = false;

  const run = async (slot: Slot, pending: Pending): Promise<void> => {
    const psm = pending.job.psm ?? 7;
    slot.current = pending;
    try {
      if (slot.psm !== psm) {
        await slot.worker.setParameters({ tessedit_pageseg_mode: String(psm) as never });
        slot.psm = psm;
      }
      // A terminated tesseract.js worker throws an unhandled rejection from inside its own job
      // machinery when called: never call it once close() has begun.
      if (closed) throw new Error("closed");
      const { data } = await slot.worker.recognize(Buffer.from(toPgm(pending.job.image)), {}, { text: true, blocks: true });
      pending.resolve({ text: data.text.trim(), confidence: data.confidence, symbols: symbolsOf(data), words: wordsOf(data) });
    } catch (cause) {
      pending.reject(
        closed
          ? ocrError("pool_closed", "recognize", "the recogniser pool was closed during the job")
          : ocrError("recognizer_failed", "recognize", "tesseract.js failed on a crop", { cause }),
      );
    } finally {
      slot.current = null;
    }
  };

  const dispatch = (): void => {
    while (!closed && idle.length > 0 && queue.length > 0) {
      const slot = idle.pop()!;
      const pending = queue.shift()!;
      void run(slot, pending).then(() => {
        idle.push(slot);
        dispatch();
      });
    }
  };

  return {
    recognize: (job) => {
      if (closed) return errAsync(ocrError("pool_closed", "recognize", "the recogniser pool is closed"));
      if (job.image.width < 1 || job.image.height < 1 || job.image.data.length !== job.image.width * job.image.height) {
        return errAsync(ocrError("invalid_input", "recognize", "crop must be a non-empty grey raster"));
      }
      return ResultAsync.fromPromise(
        new Promise<Recognition>((resolve, reject) => {
          queue.push({ job, resolve, reject });
          dispatch();
        }),
        (e) => e as OcrError,
      );
    },
    size: () => alive,
    close: async () => {
      if (closed) return;
      closed = true;
      const closedError = ocrError("pool_closed", "recognize", "the recogniser pool was closed");
      // Promise settlement is first-wins, so rejecting a job that is finishing at this moment is harmless.
      for (const pending of queue.splice(0)) pending.reject(closedError);
      for (const slot of slots) slot.current?.reject(closedError);
      await Promise.allSettled(
        slots.map(async (slot) => {
          await slot.worker.terminate();
          alive--;
        }),
      );
    },
  };
};
