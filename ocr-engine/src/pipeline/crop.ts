/**
 * Normalised template regions → pixel crops, and crops → PGM buffers that tesseract.js reads without
 * a PNG encode.
 */
import { err, ok, type Result } from "neverthrow";
import type { Region } from "../templates/template.ts";
import { ocrError, type OcrError } from "./ocr-error.ts";
import type { GreyRaster } from "./raster.ts";

/** A rectangle in pixels, clamped to the page. */
export interface PixelRect {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** Margin added around a region, as a fraction of the region's height: ascenders and slight misalignment. */
export const DEFAULT_CROP_MARGIN = 0.15;

/**
 * Maps a normalised region to pixels on a `width` × `height` page, grown by `margin` × region height
 * on every side and clamped to the page. `invalid_input` when the region lies outside the page or is empty.
 */
export const regionToPixels = (region: Region, width: number, height: number, margin: number = DEFAULT_CROP_MARGIN): Result<PixelRect, OcrError> => {
  const values = [region.x, region.y, region.width, region.height];
  if (!values.every(Number.isFinite) || region.width <= 0 || region.height <= 0 || width <= 0 || height <= 0) {
    return err(ocrError("invalid_input", "crop", "region must have finite coordinates and a positive size"));
  }
  const pad = margin * region.height * height;
  const left = Math.max(0, Math.floor(region.x * width - pad));
  const top = Math.max(0, Math.floor(region.y * height - pad));
  const right = Math.min(width, Math.ceil((region.x + region.width) * width + pad));
  const bottom = Math.min(height, Math.ceil((region.y + region.height) * height + pad));
  if (right - left < 1 || bottom - top < 1) return err(ocrError("invalid_input", "crop", "region lies outside the page"));
  return ok({ left, top, width: right - left, height: bottom - top });
};

/** Copies a pixel rectangle out of a grey raster. The rectangle must lie inside (use {@link regionToPixels}). */
export const cropGrey = (image: GreyRaster, rect: PixelRect): GreyRaster => {
  const out = new Uint8Array(rect.width * rect.height);
  for (let y = 0; y < rect.height; y++) {
    const start = (rect.top + y) * image.width + rect.left;
    out.set(image.data.subarray(start, start + rect.width), y * rect.width);
  }
  return { width: rect.width, height: rect.height, data: out };
};

/** Crops a normalised region (with margin) from a grey page. */
export const cropRegion = (image: GreyRaster, region: Region, margin: number = DEFAULT_CROP_MARGIN): Result<{ readonly crop: GreyRaster; readonly rect: PixelRect }, OcrError> =>
  regionToPixels(region, image.width, image.height, margin).map((rect) => ({ crop: cropGrey(image, rect), rect }));

/**
 * Encodes a grey raster as binary PGM (P5), a format tesseract.js's Leptonica reads directly. A white
 * border is added because tesseract segments text touching the image edge poorly.
 */
export const toPgm = (image: GreyRaster, border = 10): Uint8Array => {
  const w = image.width + 2 * border;
  const h = image.height + 2 * border;
  const header = new TextEncoder().encode(`P5\n${w} ${h}\n255\n`);
  const out = new Uint8Array(header.length + w * h).fill(255);
  out.set(header, 0);
  for (let y = 0; y < image.height; y++) {
    out.set(image.data.subarray(y * image.width, (y + 1) * image.width), header.length + (y + border) * w + border);
  }
  return out;
};

/**
 * The columns of a binarised crop from its first to its last inked column, `pad` pixels wider on each side
 * (within the crop); the crop unchanged when it has no ink. The height is kept, so the text's scale is.
 * A short value in a wide cell (妻 in a 続柄 column) is otherwise mostly blank paper, which tesseract's
 * layout analysis reads as nothing, and which costs recognition time.
 */
export const trimColumnsToInk = (image: GreyRaster, pad: number, ink = 128): GreyRaster => {
  const { width, height, data } = image;
  let first = -1;
  let last = -1;
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) {
      if (data[y * width + x]! < ink) {
        if (first < 0) first = x;
        last = x;
        break;
      }
    }
  }
  if (first < 0) return image;
  const left = Math.max(0, first - Math.round(pad));
  const right = Math.min(width, last + 1 + Math.round(pad));
  if (left === 0 && right === width) return image;
  return cropGrey(image, { left, top: 0, width: right - left, height });
};

/**
 * Share of a field crop's height that its text's ink takes when the value fills its region as forms print it
 * (type about 0.78 of the region high, the crop the region with {@link DEFAULT_CROP_MARGIN} above and below):
 * 0.53–0.57 on the bench's fields (seed 1, every shipped template). The reading heights (64, 48, 40, 32 px)
 * were measured on crops of that proportion.
 */
export const TEXT_BAND_FRACTION = 0.55;

/**
 * A crop is cut down to its text band only when that leaves at most this share of its height: a value that
 * nearly fills its region keeps its crop as it is.
 */
export const MAX_BAND_TRIM = 0.75;

/** The first and last rows of a binarised crop that hold ink; null when none does. */
export const inkRowSpan = (image: GreyRaster, ink = 128): { readonly first: number; readonly last: number } | null => textRowSpan(image, ink, 0);

/**
 * The rows of a binarised crop around its text band (first to last inked row), with paper above and below so
 * that the band takes `bandFraction` of the height, when that is at most `maxKept` of the crop's height; the
 * crop unchanged otherwise (no ink, or text that already fills it). The width is kept. Used for a value printed
 * much smaller than its region — a long address shrunk to fit a card's one line, one line in a two-line box —
 * which would otherwise be downscaled to the reading height with all its blank paper (see the engine).
 */
export const trimRowsToInk = (image: GreyRaster, bandFraction: number = TEXT_BAND_FRACTION, maxKept: number = MAX_BAND_TRIM, ink = 128): GreyRaster => {
  const span = inkRowSpan(image, ink);
  return span === null ? image : cutToBand(image, span, bandFraction, maxKept);
};

const cutToBand = (image: GreyRaster, span: { readonly first: number; readonly last: number }, bandFraction: number, maxKept: number): GreyRaster => {
  const band = span.last - span.first + 1;
  const pad = Math.round((band * (1 / bandFraction - 1)) / 2);
  const top = Math.max(0, span.first - pad);
  const bottom = Math.min(image.height, span.last + 1 + pad);
  if (bottom - top > maxKept * image.height) return image;
  return cropGrey(image, { left: 0, top, width: image.width, height: bottom - top });
};

/**
 * Share of a crop's ink below which a run of inked rows apart from the others is a speck, not text: a dot of
 * tint or noise left above a line (bench seed 36, a 転出先 whose speck 30 px above the text doubled its span, so
 * that the text, 16 px high at the reading height, was not cut to its band and read as noise).
 */
export const SPECK_INK_SHARE = 0.02;

/**
 * The first and last rows of a binarised crop's text: {@link inkRowSpan} without the runs of inked rows (rows
 * with ink, between blank rows) that hold less than `speckShare` of the crop's ink. Null when there is no ink.
 */
export const textRowSpan = (image: GreyRaster, ink = 128, speckShare = SPECK_INK_SHARE): { readonly first: number; readonly last: number } | null => {
  const { width, height, data } = image;
  const runs: { first: number; last: number; ink: number }[] = [];
  let total = 0;
  for (let y = 0; y < height; y++) {
    let dark = 0;
    for (let x = y * width; x < (y + 1) * width; x++) if (data[x]! < ink) dark++;
    if (dark === 0) continue;
    total += dark;
    const run = runs[runs.length - 1];
    if (run !== undefined && run.last === y - 1) {
      run.last = y;
      run.ink += dark;
    } else runs.push({ first: y, last: y, ink: dark });
  }
  const text = runs.filter((r) => r.ink >= speckShare * total);
  return text.length === 0 ? null : { first: text[0]!.first, last: text[text.length - 1]!.last };
};

/**
 * {@link trimRowsToInk} for a crop whose downscale to `readingHeight` would bring its text band below `minBand`
 * pixels; any other crop unchanged (a crop no taller than the reading height is not downscaled at all). Text that
 * stays legible keeps its crop and so the scale it is read at. The rows are scanned once.
 */
export const trimRowsIfCrushed = (image: GreyRaster, readingHeight: number, minBand: number, ink = 128): GreyRaster => {
  if (image.height <= readingHeight) return image;
  const span = textRowSpan(image, ink);
  if (span === null || ((span.last - span.first + 1) * readingHeight) / image.height >= minBand) return image;
  return cutToBand(image, span, TEXT_BAND_FRACTION, MAX_BAND_TRIM);
};
