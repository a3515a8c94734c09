/**
 * Full-page recognition with boxes: where the text of a whole page is and what it says, character by
 * character. Template authoring and the label-anchored fallback look for label words on a page whose
 * layout they do not know, so they cannot crop fields first as the engine does.
 *
 * One tesseract.js worker of its own (not the engine's recogniser pool, which reads crops and returns
 * text only), with the same local language data, never downloaded (`cacheMethod: "none"`). Sparse-text
 * segmentation (PSM 11) by default: a form is islands of text (label, value, label …) rather than
 * paragraphs, and PSM 11 returns each island as its own line, so a label and its value are rarely
 * merged. Japanese often comes back with a space between characters ("氏 名"): callers squash spaces.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ResultAsync, errAsync } from "neverthrow";
import { createWorker, OEM, type Worker } from "tesseract.js";
import { toPgm } from "../pipeline/crop.ts";
import { ocrError, type OcrError } from "../pipeline/ocr-error.ts";
import type { GreyRaster } from "../pipeline/raster.ts";
import { defaultJapaneseLangPath } from "../pipeline/recognizer-pool.ts";

/** A rectangle in pixels of the page: left, top (inclusive), right, bottom (exclusive). */
export interface PixelBox {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** One recognised character (tesseract "symbol") with its box. */
export interface PageChar {
  readonly text: string;
  /** 0..100 */
  readonly confidence: number;
  readonly box: PixelBox;
}

/** One recognised line (with PSM 11: one island of text). */
export interface PageLine {
  /** The text as tesseract returned it, trimmed (spaces between Japanese characters kept). */
  readonly text: string;
  /** 0..100 */
  readonly confidence: number;
  readonly box: PixelBox;
  /** The characters in reading order, without spaces. */
  readonly chars: readonly PageChar[];
}

/** Everything recognised on one page. */
export interface PageWords {
  readonly width: number;
  readonly height: number;
  readonly lines: readonly PageLine[];
}

/** Page segmentation modes that make sense for a whole page: 3 automatic, 11 sparse text. */
export type PagePsm = 3 | 11;

/** Options of {@link createPageReader}. */
export interface PageReaderOptions {
  /** Directory holding `<lang>.traineddata[.gz]`; default the npm package `@tesseract.js-data/jpn`. */
  readonly langPath?: string;
  /** Whether the language file is gzipped; default true for the npm package, false for a configured directory. */
  readonly gzip?: boolean;
  /** Tesseract language code(s); default `jpn`. */
  readonly lang?: string;
  /** Default 11 (sparse text). */
  readonly psm?: PagePsm;
}

/** A running full-page reader. Calls are queued: one page at a time on its one worker. */
export interface PageReader {
  /** Recognises a binarised (or grey) page with character boxes. */
  read(page: GreyRaster): ResultAsync<PageWords, OcrError>;
  /** Recognises one short crop as a single line of text (PSM 7): a second look at a word the page read got wrong. */
  readLine(crop: GreyRaster): ResultAsync<string, OcrError>;
  /** Terminates the worker; later calls fail with `pool_closed`. Idempotent. */
  close(): Promise<void>;
}

const box = (b: { x0: number; y0: number; x1: number; y1: number }, border: number): PixelBox => ({
  x0: b.x0 - border,
  y0: b.y0 - border,
  x1: b.x1 - border,
  y1: b.y1 - border,
});

/** The minimal shape of tesseract.js's `blocks` output this module reads. */
interface Blocks {
  readonly paragraphs: readonly {
    readonly lines: readonly {
      readonly text: string;
      readonly confidence: number;
      readonly bbox: PixelBox;
      readonly words: readonly { readonly symbols: readonly { readonly text: string; readonly confidence: number; readonly bbox: PixelBox }[] }[];
    }[];
  }[];
}

/** Flattens tesseract's blocks → paragraphs → lines → words → symbols into lines of characters, in page pixels. */
export const linesFromBlocks = (blocks: readonly Blocks[] | null, border: number): PageLine[] =>
  (blocks ?? []).flatMap((b) =>
    b.paragraphs.flatMap((p) =>
      p.lines
        .map((l): PageLine => ({
          text: l.text.trim(),
          confidence: l.confidence,
          box: box(l.bbox, border),
          chars: l.words.flatMap((w) => w.symbols.filter((s) => s.text.trim() !== "").map((s) => ({ text: s.text.trim(), confidence: s.confidence, box: box(s.bbox, border) }))),
        }))
        .filter((l) => l.chars.length > 0),
    ),
  );

/** White border added around the page before recognition (see `toPgm`); boxes are shifted back. */
const BORDER = 10;

/**
 * Starts one worker with the local language data. Errors: `language_data_missing` (no traineddata file
 * where configured), `recognizer_failed` (the worker did not start).
 */
export const createPageReader = (options: PageReaderOptions = {}): ResultAsync<PageReader, OcrError> => {
  const langPath = options.langPath ?? defaultJapaneseLangPath();
  const gzip = options.gzip ?? options.langPath === undefined;
  const langs = (options.lang ?? "jpn").split("+");
  const missing = langs.filter((lang) => !existsSync(join(langPath, `${lang}.traineddata${gzip ? ".gz" : ""}`)));
  if (missing.length > 0) {
    return errAsync(ocrError("language_data_missing", "draft", `language data ${missing.join(", ")} not found in ${langPath} (gzip: ${gzip}); it is never downloaded`));
  }
  const psm = options.psm ?? 11;
  const start = async (): Promise<Worker> => {
    const worker = await createWorker(langs, OEM.LSTM_ONLY, { langPath, gzip, cacheMethod: "none", errorHandler: () => undefined });
    await worker.setParameters({ tessedit_pageseg_mode: String(psm) as never });
    return worker;
  };
  return ResultAsync.fromPromise(start(), (cause) => ocrError("recognizer_failed", "draft", "a tesseract.js worker could not start", { cause, retryable: true })).map(
    (worker): PageReader => {
      let closed = false;
      // One page at a time: tesseract.js queues jobs itself, but a close() during a job must settle it.
      let queue: Promise<unknown> = Promise.resolve();
      const run = <T>(image: GreyRaster, work: (w: Worker) => Promise<T>): ResultAsync<T, OcrError> => {
        if (closed) return errAsync(ocrError("pool_closed", "draft", "the page reader is closed"));
        if (image.width < 1 || image.height < 1 || image.data.length !== image.width * image.height) {
          return errAsync(ocrError("invalid_input", "draft", "the image must be a non-empty grey raster"));
        }
        const job = queue.then(async (): Promise<T> => {
          if (closed) throw ocrError("pool_closed", "draft", "the page reader was closed");
          return work(worker);
        });
        queue = job.catch(() => undefined);
        return ResultAsync.fromPromise(job, (cause) =>
          closed
            ? ocrError("pool_closed", "draft", "the page reader was closed during the job")
            : typeof cause === "object" && cause !== null && (cause as { _tag?: unknown })._tag === "OcrError"
              ? (cause as OcrError)
              : ocrError("recognizer_failed", "draft", "tesseract.js failed on the page or a crop", { cause }),
        );
      };
      return {
        read: (page) =>
          run(page, async (w) => {
            const { data } = await w.recognize(Buffer.from(toPgm(page, BORDER)), {}, { blocks: true, text: false });
            return { width: page.width, height: page.height, lines: linesFromBlocks(data.blocks as unknown as readonly Blocks[] | null, BORDER) };
          }),
        readLine: (crop) =>
          run(crop, async (w) => {
            await w.setParameters({ tessedit_pageseg_mode: "7" as never });
            try {
              const { data } = await w.recognize(Buffer.from(toPgm(crop)));
              return data.text.trim();
            } finally {
              await w.setParameters({ tessedit_pageseg_mode: String(psm) as never });
            }
          }),
        close: async () => {
          if (closed) return;
          closed = true;
          await queue;
          await worker.terminate();
        },
      };
    },
  );
};
