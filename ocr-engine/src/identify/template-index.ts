/**
 * The identification index: built once from the templates' reference images (a blank or sample form
 * each), it keeps per template the layout fingerprint (for the shortlist) and the reference's ink at
 * identification size, one bit per pixel (for verification). Nothing else of the reference is kept.
 */
import { ResultAsync, err, errAsync, ok, type Result } from "neverthrow";
import { DEFAULT_DECODE_LIMITS, type DecodeLimits } from "../pipeline/decode-image.ts";
import { ocrError, type OcrError } from "../pipeline/ocr-error.ts";
import type { RgbaRaster } from "../pipeline/raster.ts";
import { fingerprintOfInk, inkOf, type LayoutFingerprint } from "./layout-fingerprint.ts";
import { packInk, type PackedInk } from "./packed-ink.ts";
import { decodeReduced, reducePage } from "./reduce-page.ts";

/** One indexed template. */
export interface IndexEntry {
  readonly templateId: string;
  readonly fingerprint: LayoutFingerprint;
  readonly ink: PackedInk;
}

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

/**
 * Builds the index from reference images, one after the other (the bytes of one reference are
 * decoded, reduced and dropped before the next). Errors: the first reference that does not decode,
 * with its template id in the message; `invalid_input` when a template id appears twice.
 */
export const buildTemplateIndex = (sources: readonly IndexSource[], limits: DecodeLimits = DEFAULT_DECODE_LIMITS): ResultAsync<TemplateIndex, OcrError> => {
  const seen = new Set<string>();
  for (const s of sources) {
    if (seen.has(s.templateId)) return errAsync(ocrError("invalid_input", "identify", `template id ${s.templateId} is indexed twice`));
    seen.add(s.templateId);
  }
  return new ResultAsync(
    (async (): Promise<Result<TemplateIndex, OcrError>> => {
      const entries: IndexEntry[] = [];
      for (const source of sources) {
        const page = await (source.image instanceof Uint8Array ? decodeReduced(source.image, limits) : reducePage(source.image));
        if (page.isErr()) return err({ ...page.error, message: `reference of ${source.templateId}: ${page.error.message}` });
        entries.push(indexEntry(source.templateId, page.value));
      }
      const bytes = entries.reduce((sum, e) => sum + e.ink.bits.byteLength + e.fingerprint.rows.byteLength + e.fingerprint.cols.byteLength, 0);
      return ok({ entries, bytes });
    })(),
  );
};
