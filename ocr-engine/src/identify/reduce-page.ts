/**
 * A scan or reference reduced to identification size: identification compares layouts, not text, so
 * it works on a page of 1000 px on its longest side (the size `estimateAlignment` computes its
 * features at anyway), which keeps fingerprints and verification cheap for hundreds of templates.
 */
import { ResultAsync, err, errAsync, ok, okAsync } from "neverthrow";
import sharp, { type Sharp } from "sharp";
import { DEFAULT_DECODE_LIMITS, sniffFormat, type DecodeLimits } from "../pipeline/decode-image.ts";
import { ocrError, type OcrError } from "../pipeline/ocr-error.ts";
import type { RgbaRaster } from "../pipeline/raster.ts";

/** Longest side of a reduced page, in pixels. */
export const IDENTIFY_SIZE = 1000;

const toRaster = async (pipeline: Sharp): Promise<RgbaRaster> => {
  const { data, info } = await pipeline.ensureAlpha().raw({ depth: "uchar" }).toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
};

/**
 * The size of a page scaled to `size` on its longest side, or null when it already is. Smaller pages
 * are enlarged too: registration checks the scale between page and reference in pixels, so every page
 * and every reference must come out the same size whatever its resolution.
 */
const target = (width: number, height: number, size: number): { width: number; height: number } | null => {
  if (Math.max(width, height) === size) return null;
  const factor = size / Math.max(width, height);
  return { width: Math.max(1, Math.round(width * factor)), height: Math.max(1, Math.round(height * factor)) };
};

/**
 * Scales a decoded RGBA raster to `size` px on its longest side. Errors: `invalid_input` for an empty raster, `corrupt_image` when resampling fails.
 */
export const reducePage = (image: RgbaRaster, size: number = IDENTIFY_SIZE): ResultAsync<RgbaRaster, OcrError> => {
  if (image.width < 1 || image.height < 1 || image.data.length !== image.width * image.height * 4) {
    return errAsync(ocrError("invalid_input", "identify", "the raster is empty or its data does not match its size"));
  }
  const to = target(image.width, image.height, size);
  if (to === null) return okAsync(image);
  return ResultAsync.fromPromise(
    toRaster(sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 }, limitInputPixels: false }).resize(to.width, to.height, { fit: "fill" })),
    (cause) => ocrError("corrupt_image", "identify", "the page could not be reduced for identification", { cause }),
  );
};

/**
 * Decodes encoded bytes (JPEG, PNG, TIFF) straight to a reduced page, without the full-size raster
 * (libvips shrinks while decoding): how references are indexed and how `identify` reads a scan. The
 * same limits and errors as `decodeImage`: `too_large`, `unsupported_format`, `corrupt_image`.
 */
export const decodeReduced = (bytes: Uint8Array, limits: DecodeLimits = DEFAULT_DECODE_LIMITS, size: number = IDENTIFY_SIZE): ResultAsync<RgbaRaster, OcrError> => {
  if (bytes.length > limits.maxBytes) return errAsync(ocrError("too_large", "decode", `input is ${bytes.length} bytes, the limit is ${limits.maxBytes}`));
  const format = sniffFormat(bytes);
  if (format === "pdf" || format === "unknown") return errAsync(ocrError("unsupported_format", "decode", "input is not a JPEG, PNG or TIFF image"));
  return ResultAsync.fromPromise(
    (async () => {
      const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
      const pixels = (meta.width ?? 0) * (meta.height ?? 0);
      if (pixels > limits.maxPixels) return { tooLarge: pixels } as const;
      // Orientation first (EXIF), then the size of the upright page.
      const upright = (meta.orientation ?? 1) >= 5 ? { width: meta.height ?? 0, height: meta.width ?? 0 } : { width: meta.width ?? 0, height: meta.height ?? 0 };
      const to = target(upright.width, upright.height, size);
      const base = sharp(bytes, { limitInputPixels: limits.maxPixels, pages: 1 }).rotate().toColourspace("srgb");
      return { raster: await toRaster(to === null ? base : base.resize(to.width, to.height, { fit: "fill" })) } as const;
    })(),
    (cause) => ocrError("corrupt_image", "decode", `the ${format} image could not be decoded`, { cause }),
  ).andThen((outcome) =>
    "tooLarge" in outcome ? err(ocrError("too_large", "decode", `image has ${outcome.tooLarge} pixels, the limit is ${limits.maxPixels}`)) : ok(outcome.raster),
  );
};
