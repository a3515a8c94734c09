/**
 * Finds the scanned image of one PDF page with pdf-lib: the page's image XObjects (also inside form
 * XObjects, as some scanner drivers wrap the image), the largest by pixel area when there are several (a
 * scan with a small logo or stamp image beside it). Reads only the image dictionary: no stream is decoded
 * here, so that the caller can check the pixel limit before inflating anything.
 *
 * Not handled (each reported as `unsupported_format` by the caller): inline images (`BI … ID … EI` in the
 * content stream) and the image's placement matrix (a page is assumed to show its image upright; the page's
 * `/Rotate` is honoured).
 */
import { err, ok, type Result } from "neverthrow";
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFRef, type PDFDocument, type PDFObject } from "pdf-lib";

/** The image chosen on a page, described from its dictionary; `contents` is still encoded. */
export interface PdfPageImage {
  readonly width: number;
  readonly height: number;
  /** The image stream's dictionary (filters, colour space, bits per component …). */
  readonly dict: PDFDict;
  /** The stream's bytes as stored (encoded by its filters). */
  readonly contents: Uint8Array;
  /** The page's `/Rotate`, normalised to 0, 90, 180 or 270 (clockwise, as PDF viewers show it). */
  readonly rotate: 0 | 90 | 180 | 270;
}

/** Why no image could be taken from the page. */
export type PageImageFailure =
  | { readonly kind: "no_such_page"; readonly pageCount: number }
  | { readonly kind: "no_image" };

/** Form XObjects nest; scanners wrap at most once or twice, and a cycle must not loop forever. */
const MAX_FORM_DEPTH = 4;

const numberOf = (dict: PDFDict, key: string): number | undefined => {
  const value = dict.lookup(PDFName.of(key));
  return value instanceof PDFNumber ? value.asNumber() : undefined;
};

const collectImages = (resources: PDFDict | undefined, depth: number, seen: Set<PDFObject>, out: PDFRawStream[]): void => {
  if (resources === undefined || depth > MAX_FORM_DEPTH) return;
  const xobjects = resources.lookup(PDFName.of("XObject"));
  if (!(xobjects instanceof PDFDict)) return;
  for (const [, entry] of xobjects.entries()) {
    const stream = entry instanceof PDFRef ? resources.context.lookup(entry) : entry;
    if (!(stream instanceof PDFRawStream) || seen.has(stream)) continue;
    seen.add(stream);
    const subtype = stream.dict.lookup(PDFName.of("Subtype"));
    if (subtype === PDFName.of("Image")) out.push(stream);
    else if (subtype === PDFName.of("Form")) {
      const inner = stream.dict.lookup(PDFName.of("Resources"));
      collectImages(inner instanceof PDFDict ? inner : undefined, depth + 1, seen, out);
    }
  }
};

/** The largest image XObject of page `page` (1-based) of a loaded document. */
export const pageImage = (doc: PDFDocument, page: number): Result<PdfPageImage, PageImageFailure> => {
  const pageCount = doc.getPageCount();
  if (page < 1 || page > pageCount) return err({ kind: "no_such_page", pageCount });
  const pdfPage = doc.getPage(page - 1);
  const images: PDFRawStream[] = [];
  collectImages(pdfPage.node.Resources(), 0, new Set(), images);
  let best: { stream: PDFRawStream; width: number; height: number } | null = null;
  for (const stream of images) {
    const width = numberOf(stream.dict, "Width") ?? 0;
    const height = numberOf(stream.dict, "Height") ?? 0;
    if (best === null || width * height > best.width * best.height) best = { stream, width, height };
  }
  if (best === null) return err({ kind: "no_image" });
  const angle = ((pdfPage.getRotation().angle % 360) + 360) % 360;
  const rotate = angle === 90 || angle === 180 || angle === 270 ? angle : 0;
  return ok({ width: best.width, height: best.height, dict: best.stream.dict, contents: best.stream.contents, rotate });
};

/** A dictionary entry that may be a single value or an array (`Filter`, `DecodeParms`): its items. */
export const asList = (value: PDFObject | undefined): PDFObject[] =>
  value === undefined ? [] : value instanceof PDFArray ? value.asArray() : [value];
