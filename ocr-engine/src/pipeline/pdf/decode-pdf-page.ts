/**
 * One page of a scanned PDF → its image: the page's embedded raster, as encoded JPEG bytes (`DCTDecode`,
 * handed to sharp as they are) or as 8-bit grey/RGB pixels (`FlateDecode` or unfiltered samples, inflated
 * with node:zlib, predictors undone, palettes expanded). A page without an image (a PDF made from a word
 * processor) or with an image codec the engine does not decode is `unsupported_format` with a message that
 * says which, so that staff know what to do; a broken file is `corrupt_image`; an encrypted one is
 * `unsupported_format`.
 */
import { constants, inflateSync } from "node:zlib";
import { ResultAsync, err, errAsync, ok, type Result } from "neverthrow";
import { EncryptedPDFError, PDFArray, PDFBool, PDFDict, PDFDocument, PDFName, PDFNumber, type PDFObject } from "pdf-lib";
import { ocrError, type OcrError } from "../ocr-error.ts";
import { resolveColourSpace } from "./pdf-colour-space.ts";
import { asList, pageImage, type PdfPageImage } from "./pdf-page-image.ts";
import { unpredict } from "./png-predictor.ts";
import { componentsOf, samplesToPixels, type PdfColour, type PdfPixels } from "./samples-to-pixels.ts";

/** The page image: encoded JPEG bytes or decoded pixels, and the page's clockwise `/Rotate`. */
export type PdfPageRaster =
  | { readonly kind: "jpeg"; readonly bytes: Uint8Array; readonly width: number; readonly height: number; readonly rotate: 0 | 90 | 180 | 270 }
  | { readonly kind: "pixels"; readonly pixels: PdfPixels; readonly rotate: 0 | 90 | 180 | 270 };

/** What to check while decoding: the page (1-based) and the pixel limit, tested before anything is inflated. */
export interface PdfPageOptions {
  readonly page: number;
  readonly maxPixels: number;
}

/** Codecs named so that the message tells staff what the scanner wrote (all `unsupported_format`). */
const UNSUPPORTED_CODECS: Readonly<Record<string, string>> = {
  CCITTFaxDecode: "a CCITT fax (G3/G4) black-and-white image",
  CCF: "a CCITT fax (G3/G4) black-and-white image",
  JBIG2Decode: "a JBIG2 black-and-white image",
  JPXDecode: "a JPEG 2000 image",
};

const unsupported = (message: string) => ocrError("unsupported_format", "decode", message);
const corrupt = (message: string, cause?: unknown) => ocrError("corrupt_image", "decode", message, cause === undefined ? {} : { cause });

const numberIn = (dict: PDFDict, key: string): number | undefined => {
  const v = dict.lookup(PDFName.of(key));
  return v instanceof PDFNumber ? v.asNumber() : undefined;
};

/** Decode array → whether it inverts ([1 0] per component); anything else than the default or the inversion is refused. */
const decodeInversion = (dict: PDFDict, components: number): Result<boolean, string> => {
  const d = dict.lookup(PDFName.of("Decode"));
  if (d === undefined) return ok(false);
  if (!(d instanceof PDFArray)) return err("an unreadable Decode array");
  const values = d.asArray().map((o) => (o instanceof PDFNumber ? o.asNumber() : Number.NaN));
  const same = (pattern: readonly number[]) => values.length === components * 2 && values.every((v, i) => v === pattern[i % 2]);
  if (same([0, 1])) return ok(false);
  if (same([1, 0])) return ok(true);
  return err(`a Decode array [${values.join(" ")}]`);
};

/** Flate (or unfiltered) samples → pixels: colour space, bits, predictor, inflate bounded to the expected size. */
const decodeSamples = (image: PdfPageImage, doc: PDFDocument, filter: "FlateDecode" | null, page: number): Result<PdfPixels, OcrError> => {
  const { dict, width, height } = image;
  const context = doc.context;
  const mask = dict.lookup(PDFName.of("ImageMask")) === PDFBool.True;
  const colour: Result<PdfColour, string> = mask ? ok({ kind: "gray" }) : resolveColourSpace(dict.get(PDFName.of("ColorSpace")), context);
  if (colour.isErr()) return err(unsupported(`page ${page}: the scanned image uses ${colour.error}; save the scan as RGB or greyscale (JPEG or PNG)`));
  const bits = mask ? 1 : numberIn(dict, "BitsPerComponent") ?? 8;
  if (bits !== 1 && bits !== 2 && bits !== 4 && bits !== 8) return err(unsupported(`page ${page}: the scanned image has ${bits}-bit samples; 1, 2, 4 or 8 bits are read`));
  const components = componentsOf(colour.value);
  const inversion = decodeInversion(dict, components);
  if (inversion.isErr() || (inversion.value && colour.value.kind !== "gray")) {
    return err(unsupported(`page ${page}: the scanned image has ${inversion.isErr() ? inversion.error : "an inverted colour Decode array"}`));
  }
  const parmsList = asList(dict.lookup(PDFName.of("DecodeParms")));
  const parms = parmsList.length === 0 ? undefined : context.lookup(parmsList[0]);
  const param = (key: string, fallback: number) => (parms instanceof PDFDict ? numberIn(parms, key) ?? fallback : fallback);
  const predictor = filter === null ? 1 : param("Predictor", 1);
  const rowBytes = Math.ceil((width * components * bits) / 8);
  const expected = predictor >= 10 ? (rowBytes + 1) * height : rowBytes * height;
  let data: Uint8Array;
  if (filter === null) data = image.contents;
  else {
    try {
      // Bounded by the size the dictionary announces: a deflate bomb stops here rather than filling memory.
      // Sync flush: a stream cut short returns what it has, and the length check below names it truncated.
      data = new Uint8Array(inflateSync(image.contents, { maxOutputLength: expected + 1024, finishFlush: constants.Z_SYNC_FLUSH }));
    } catch (cause) {
      return err(corrupt(`page ${page}: the scanned image's Flate data does not inflate to the ${expected} bytes its size announces`, cause));
    }
  }
  return unpredict(data, { predictor, colors: param("Colors", components), bitsPerComponent: param("BitsPerComponent", bits), columns: param("Columns", width) }, height)
    .mapErr((f) => (f.kind === "unsupported" ? unsupported(`page ${page}: the scanned image uses a ${f.detail}`) : corrupt(`page ${page}: the scanned image is truncated (${f.detail})`)))
    .andThen((rows) => samplesToPixels(rows, { width, height }, bits, colour.value, inversion.value).mapErr((detail) => corrupt(`page ${page}: ${detail}`)));
};

/**
 * pdf-lib is compiled to ES5, where a subclass of Error loses its prototype: `instanceof EncryptedPDFError`
 * is false for the error it throws, so its message is the reliable sign.
 */
const isEncryptedError = (e: unknown): boolean => e instanceof EncryptedPDFError || (e instanceof Error && /\bis encrypted\b/.test(e.message));

/** Loads the PDF and returns the image of page `options.page`. */
export const decodePdfPage = (bytes: Uint8Array, options: PdfPageOptions): ResultAsync<PdfPageRaster, OcrError> => {
  const { page } = options;
  return ResultAsync.fromPromise(PDFDocument.load(bytes, { updateMetadata: false }), (cause) =>
    isEncryptedError(cause)
      ? unsupported("the PDF is encrypted (password-protected or copy-protected): save the scan again without protection")
      : corrupt("the PDF could not be parsed", cause),
  ).andThen((doc): ResultAsync<PdfPageRaster, OcrError> | Result<PdfPageRaster, OcrError> => {
    // pdf-lib parses leniently and throws later, while the page tree or a dictionary is walked: the boundary is here.
    let found: ReturnType<typeof pageImage>;
    try {
      found = pageImage(doc, page);
    } catch (cause) {
      return err(corrupt("the PDF's page tree could not be read", cause));
    }
    if (found.isErr()) {
      return err(
        found.error.kind === "no_such_page"
          ? found.error.pageCount === 0
            ? corrupt("the PDF has no pages")
            : ocrError("invalid_input", "decode", `page ${page} was requested; the PDF has ${found.error.pageCount} page(s)`)
          : unsupported(`page ${page} has no scanned image (vector PDF): print it to an image first, or scan the paper document`),
      );
    }
    const image = found.value;
    if (!Number.isInteger(image.width) || !Number.isInteger(image.height) || image.width < 1 || image.height < 1) {
      return err(corrupt(`page ${page}: the scanned image has no valid size (${image.width} × ${image.height})`));
    }
    if (image.width * image.height > options.maxPixels) {
      return err(ocrError("too_large", "decode", `page ${page}'s image has ${image.width * image.height} pixels, the limit is ${options.maxPixels}`));
    }
    const filters = asList(image.dict.lookup(PDFName.of("Filter"))).map((f) => {
      const o: PDFObject | undefined = doc.context.lookup(f);
      return o instanceof PDFName ? o.decodeText() : "?";
    });
    const only = filters.length === 1 ? filters[0]! : null;
    if (filters.length === 0) return decodeSamples(image, doc, null, page).map((pixels) => ({ kind: "pixels", pixels, rotate: image.rotate }) as const);
    if (only === "DCTDecode" || only === "DCT") return ok({ kind: "jpeg", bytes: image.contents, width: image.width, height: image.height, rotate: image.rotate } as const);
    if (only === "FlateDecode" || only === "Fl") return decodeSamples(image, doc, "FlateDecode", page).map((pixels) => ({ kind: "pixels", pixels, rotate: image.rotate }) as const);
    const codec = filters.map((f) => UNSUPPORTED_CODECS[f]).find((c) => c !== undefined);
    return err(
      unsupported(
        codec !== undefined
          ? `page ${page}'s scanned image is ${codec}, which the engine does not decode: scan in colour or greyscale as JPEG or PNG`
          : `page ${page}'s scanned image is compressed with ${filters.join(" + ")}, which the engine does not decode: scan as JPEG or PNG`,
      ),
    );
  });
};
