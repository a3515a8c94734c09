import { ResultAsync } from "neverthrow";
import { PDFDocument } from "pdf-lib";
import sharp from "sharp";
import { ASSUMED_SCAN_DPI, type FormPrintError } from "@madoguchi/core";

const PDF_MAGIC = "%PDF-";
const POINTS_PER_INCH = 72;
/**
 * Below this a recorded resolution is taken as no resolution: image libraries write 72 dpi into files that
 * never said (a JPEG's JFIF default), and no counter scanner scans paper at less than 100 dpi.
 */
const MIN_RECORDED_DPI = 100;

const unreadable = (cause: unknown): FormPrintError => ({
  code: "form.unreadable_scan",
  // sharp's and pdf-lib's messages name formats and offsets, never the image's content.
  message: `not an image or PDF that can be kept (${cause instanceof Error ? cause.message.slice(0, 120) : typeof cause})`,
});

const isPdf = (bytes: Uint8Array): boolean => new TextDecoder().decode(bytes.subarray(0, PDF_MAGIC.length)) === PDF_MAGIC;

/**
 * A scan as a PDF for keeping: a PDF is checked to load and kept byte for byte (it may be signed or carry its
 * own text layer); an image becomes one page of the paper's size — pixels ÷ the resolution the file records
 * (else, or a library's 72 dpi default, {@link ASSUMED_SCAN_DPI}) — with the image embedded as it is when it is a JPEG (no second lossy pass)
 * and as PNG otherwise (TIFF, PNG …), first page only.
 */
export const scanToPdf = (bytes: Uint8Array): ResultAsync<Uint8Array, FormPrintError> =>
  ResultAsync.fromPromise(
    (async () => {
      if (isPdf(bytes)) {
        const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
        if (pdf.getPageCount() === 0) throw new Error("a PDF without pages");
        return bytes;
      }
      const image = sharp(bytes, { pages: 1, limitInputPixels: 100_000_000 });
      const meta = await image.metadata();
      if (meta.width === undefined || meta.height === undefined) throw new Error("no image size");
      const dpi = meta.density !== undefined && meta.density >= MIN_RECORDED_DPI && meta.density <= 2400 ? meta.density : ASSUMED_SCAN_DPI;
      const doc = await PDFDocument.create();
      doc.setCreator("madoguchi");
      const embedded = meta.format === "jpeg" ? await doc.embedJpg(bytes) : await doc.embedPng(await image.png().toBuffer());
      const width = (meta.width / dpi) * POINTS_PER_INCH;
      const height = (meta.height / dpi) * POINTS_PER_INCH;
      doc.addPage([width, height]).drawImage(embedded, { x: 0, y: 0, width, height });
      return doc.save();
    })(),
    unreadable,
  );
