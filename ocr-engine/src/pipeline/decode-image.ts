/**
 * Bytes of a scan → RGBA raster, with sharp. The one boundary where codec exceptions become
 * {@link OcrError} values. JPEG, PNG and TIFF are read; PDF pages are a later step.
 */
import { ResultAsync, err, errAsync, ok } from "neverthrow";
import sharp from "sharp";
import { ocrError, type OcrError } from "./ocr-error.ts";
import type { RgbaRaster } from "./raster.ts";

/** Limits that protect the process from oversized or hostile uploads. */
export interface DecodeLimits {
  /** Largest accepted input, in bytes; default 50 MB. */
  readonly maxBytes: number;
  /** Largest accepted decoded image, in pixels; default 60 Mpx (A3 at 600 dpi is ~70 Mpx; A4 at 300 dpi ~8.7 Mpx). */
  readonly maxPixels: number;
}

/** Default {@link DecodeLimits}. */
export const DEFAULT_DECODE_LIMITS: DecodeLimits = { maxBytes: 50 * 1024 * 1024, maxPixels: 60_000_000 };

/** Image formats the engine decodes. */
export type ImageFormat = "jpeg" | "png" | "tiff";

/** Sniffs the container from its magic bytes, so that the error says "unsupported" rather than "corrupt". */
export const sniffFormat = (bytes: Uint8Array): ImageFormat | "pdf" | "unknown" => {
  const b = (i: number) => bytes[i] ?? -1;
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return "jpeg";
  if (b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47) return "png";
  if ((b(0) === 0x49 && b(1) === 0x49 && b(2) === 0x2a && b(3) === 0x00) || (b(0) === 0x4d && b(1) === 0x4d && b(2) === 0x00 && b(3) === 0x2a)) {
    return "tiff";
  }
  if (b(0) === 0x25 && b(1) === 0x50 && b(2) === 0x44 && b(3) === 0x46) return "pdf";
  return "unknown";
};

/**
 * Decodes a JPEG, PNG or TIFF (first page) to 8-bit RGBA, honouring EXIF orientation.
 * Errors: `unsupported_format` (PDF and anything unrecognised), `too_large`, `corrupt_image`.
 */
export const decodeImage = (bytes: Uint8Array, limits: DecodeLimits = DEFAULT_DECODE_LIMITS): ResultAsync<RgbaRaster, OcrError> => {
  if (bytes.length > limits.maxBytes) {
    return errAsync(ocrError("too_large", "decode", `input is ${bytes.length} bytes, the limit is ${limits.maxBytes}`));
  }
  const format = sniffFormat(bytes);
  if (format === "pdf") return errAsync(ocrError("unsupported_format", "decode", "PDF input is not supported yet: rasterise the page first"));
  if (format === "unknown") return errAsync(ocrError("unsupported_format", "decode", "input is not a JPEG, PNG or TIFF image"));
  return ResultAsync.fromPromise(
    (async () => {
      const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
      const pixels = (meta.width ?? 0) * (meta.height ?? 0);
      if (pixels > limits.maxPixels) return { tooLarge: pixels } as const;
      const { data, info } = await sharp(bytes, { limitInputPixels: limits.maxPixels, pages: 1 })
        .rotate() // apply EXIF orientation: phones and some scanners store it instead of rotating
        .toColourspace("srgb")
        .ensureAlpha()
        .raw({ depth: "uchar" })
        .toBuffer({ resolveWithObject: true });
      return { raster: { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) } } as const;
    })(),
    (cause) => ocrError("corrupt_image", "decode", `the ${format} image could not be decoded`, { cause }),
  ).andThen((outcome) =>
    "tooLarge" in outcome
      ? err(ocrError("too_large", "decode", `image has ${outcome.tooLarge} pixels, the limit is ${limits.maxPixels}`))
      : ok(outcome.raster),
  );
};
