/**
 * The identification index: built once from the templates' reference images (a blank or sample form
 * each), it keeps per template the layout fingerprint (for the shortlist) and the reference's ink at
 * identification size, one bit per pixel (for verification). Nothing else of the reference is kept.
 */
import { ResultAsync, err, errAsync, ok, type Result } from "neverthrow";
import { DEFAULT_DECODE_LIMITS, type DecodeLimits } from "../pipeline/decode-image.ts";
import { ocrError, type OcrError } from "../pipeline/ocr-error.ts";
import type { RgbaRaster } from "../pipeline/raster.ts";
import { decodeIndexEntry, encodeIndexEntry, indexCacheKey, type IndexCache } from "./index-cache.ts";
import type { IndexEntry } from "./index-entry.ts";
import { fingerprintOfInk, inkOf } from "./layout-fingerprint.ts";
import { packInk } from "./packed-ink.ts";
import { decodeReduced, reducePage } from "./reduce-page.ts";

export type { IndexEntry } from "./index-entry.ts";

/** The index of every identifiable template. */
export interface TemplateIndex {
  readonly entries: readonly IndexEntry[];
  /** Bytes held by the index (fingerprints and packed references), for sizing. */
  readonly bytes: number;
}

/** A reference image to index: encoded bytes or a decoded raster, for one template id. */
export interface IndexSource {
  readonly templateId: string;
  readonly image: Uint8Array | RgbaRaster;
}

/** Indexes one reduced page. */
export const indexEntry = (templateId: string, page: RgbaRaster): IndexEntry => {
  const ink = inkOf(page);
  return { templateId, fingerprint: fingerprintOfInk(ink), ink: packInk(ink) };
};

/** Options of {@link buildTemplateIndex}. */
export interface BuildIndexOptions {
  /** Called after each reference is indexed (`done` of `total`): a 500-template index takes seconds. */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Entries kept between processes, keyed by the reference's bytes (see `createFileIndexCache`): an
   * index of 500 templates then loads in about a second instead of being built again. Raster sources
   * are not cached.
   */
  readonly cache?: IndexCache;
}

const reduced = (source: IndexSource, limits: DecodeLimits): ResultAsync<RgbaRaster, OcrError> =>
  source.image instanceof Uint8Array ? decodeReduced(source.image, limits) : reducePage(source.image);

/**
 * Builds the index from reference images, one after the other (the bytes of one reference are
 * decoded, reduced and dropped before the next), taking what the cache holds. The next reference is
 * decoded while this one is fingerprinted: libvips decodes on its own threads, so on two cores the
 * decoding costs little wall time.
 * Errors: the first reference that does not decode, with its template id in the message;
 * `invalid_input` when a template id appears twice.
 */
export const buildTemplateIndex = (
  sources: readonly IndexSource[],
  limits: DecodeLimits = DEFAULT_DECODE_LIMITS,
  options: BuildIndexOptions = {},
): ResultAsync<TemplateIndex, OcrError> => {
  const seen = new Set<string>();
  for (const s of sources) {
    if (seen.has(s.templateId)) return errAsync(ocrError("invalid_input", "identify", `template id ${s.templateId} is indexed twice`));
    seen.add(s.templateId);
  }
  return new ResultAsync(
    (async (): Promise<Result<TemplateIndex, OcrError>> => {
      const cache = options.cache;
      const keys = sources.map((s) => (cache !== undefined && s.image instanceof Uint8Array ? indexCacheKey(s.image) : null));
      const entries: (IndexEntry | null)[] = [];
      for (const [i, source] of sources.entries()) {
        const key = keys[i]!;
        const bytes = key === null ? null : await cache!.read(key);
        entries.push(bytes === null ? null : decodeIndexEntry(source.templateId, bytes));
      }
      const missing = sources.flatMap((_, i) => (entries[i] === null ? [i] : []));
      let done = sources.length - missing.length;
      if (done > 0) options.onProgress?.(done, sources.length);
      let next = missing.length > 0 ? reduced(sources[missing[0]!]!, limits) : null;
      for (const [m, i] of missing.entries()) {
        const source = sources[i]!;
        const page = await next!;
        next = m + 1 < missing.length ? reduced(sources[missing[m + 1]!]!, limits) : null;
        if (page.isErr()) {
          await next; // settle the prefetch before returning: no decode runs on after the error
          return err({ ...page.error, message: `reference of ${source.templateId}: ${page.error.message}` });
        }
        const entry = indexEntry(source.templateId, page.value);
        entries[i] = entry;
        if (keys[i] !== null) await cache!.write(keys[i]!, encodeIndexEntry(entry));
        options.onProgress?.(++done, sources.length);
      }
      const built = entries as IndexEntry[];
      const bytes = built.reduce((sum, e) => sum + e.ink.bits.byteLength + e.fingerprint.rows.byteLength + e.fingerprint.cols.byteLength, 0);
      return ok({ entries: built, bytes });
    })(),
  );
};
