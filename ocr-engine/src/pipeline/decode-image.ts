/**
 * Bytes of a scan → RGBA raster, with sharp. The one boundary where codec exceptions become
 * {@link OcrError} values. JPEG, PNG, TIFF (any page) and the embedded image of a scanned PDF page
 * (see `pdf/decode-pdf-page.ts`) are read.
 */
import { ResultAsync, err, errAsync, ok } from "neverthrow";
import sharp, { type Sharp } from "sharp";
import { ocrError, type OcrError } from "./ocr-error.ts";
import { decodePdfPage, type PdfPageRaster } from "./pdf/decode-pdf-page.ts";
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

/** Image formats the engine decodes (plus the image of a PDF page). */
export type ImageFormat = "jpeg" | "png" | "tiff";

/** Options of {@link decodeImage} beyond the limits. */
export interface DecodeOptions {
  /** 1-based page of a PDF or multi-page TIFF; default 1. JPEG and PNG have only page 1. */
  readonly page?: number;
}

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

/** sharp's pipeline to 8-bit RGBA, after an optional clockwise rotation (EXIF or a PDF page's `/Rotate`). */
const toRgba = async (image: Sharp, rotate: number | "exif"): Promise<RgbaRaster> => {
  const { data, info } = await (rotate === "exif" ? image.rotate() : image.rotate(rotate))
    .toColourspace("srgb")
    .ensureAlpha()
    .raw({ depth: "uchar" })
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
};

/** A PDF page's image (JPEG bytes or decoded pixels) → RGBA, the page's `/Rotate` applied. */
const pdfRasterToRgba = (page: PdfPageRaster, limits: DecodeLimits): ResultAsync<RgbaRaster, OcrError> =>
  ResultAsync.fromPromise(
    page.kind === "jpeg"
      ? toRgba(sharp(page.bytes, { limitInputPixels: limits.maxPixels }), page.rotate)
      : toRgba(sharp(page.pixels.data, { raw: { width: page.pixels.width, height: page.pixels.height, channels: page.pixels.channels } }), page.rotate),
    (cause) => ocrError("corrupt_image", "decode", page.kind === "jpeg" ? "the JPEG image inside the PDF could not be decoded" : "the PDF page's image could not be converted", { cause }),
  );

/**
 * Decodes a JPEG, PNG, TIFF or scanned PDF page to 8-bit RGBA, honouring EXIF orientation (and a PDF
 * page's `/Rotate`). `options.page` picks the page of a PDF or multi-page TIFF (1-based, default 1).
 * Errors: `unsupported_format` (unrecognised bytes; a PDF page without a scanned image, or with an image
 * codec not decoded here; an encrypted PDF), `too_large`, `corrupt_image`, `invalid_input` (no such page).
 */
export const decodeImage = (
  bytes: Uint8Array,
  limits: DecodeLimits = DEFAULT_DECODE_LIMITS,
  options: DecodeOptions = {},
): ResultAsync<RgbaRaster, OcrError> => {
  const page = options.page ?? 1;
  if (!Number.isInteger(page) || page < 1) return errAsync(ocrError("invalid_input", "decode", `page must be an integer ≥ 1, got ${page}`));
  if (bytes.length > limits.maxBytes) {
    return errAsync(ocrError("too_large", "decode", `input is ${bytes.length} bytes, the limit is ${limits.maxBytes}`));
  }
  const format = sniffFormat(bytes);
  if (format === "pdf") return decodePdfPage(bytes, { page, maxPixels: limits.maxPixels }).andThen((raster) => pdfRasterToRgba(raster, limits));
  if (format === "unknown") return errAsync(ocrError("unsupported_format", "decode", "input is not a JPEG, PNG, TIFF or PDF file"));
  if (page > 1 && format !== "tiff") return errAsync(ocrError("invalid_input", "decode", `page ${page} was requested; a ${format.toUpperCase()} image has one page`));
  return ResultAsync.fromPromise(
    (async () => {
      const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
      const pages = meta.pages ?? 1;
      if (page > pages) return { noSuchPage: pages } as const;
      const pixels = (meta.width ?? 0) * (meta.height ?? 0);
      if (pixels > limits.maxPixels) return { tooLarge: pixels } as const;
      // apply EXIF orientation: phones and some scanners store it instead of rotating
      return { raster: await toRgba(sharp(bytes, { limitInputPixels: limits.maxPixels, page: page - 1, pages: 1 }), "exif") } as const;
    })(),
    (cause) => ocrError("corrupt_image", "decode", `the ${format} image could not be decoded`, { cause }),
  ).andThen((outcome) =>
    "tooLarge" in outcome
      ? err(ocrError("too_large", "decode", `image has ${outcome.tooLarge} pixels, the limit is ${limits.maxPixels}`))
      : "noSuchPage" in outcome
        ? err(ocrError("invalid_input", "decode", `page ${page} was requested; the TIFF has ${outcome.noSuchPage} page(s)`))
        : ok(outcome.raster),
  );
};
