import type { Result } from "neverthrow";
import sharp from "sharp";
import { expect } from "vitest";
import { ASSUMED_SCAN_DPI, type FormPrintError, type FormPrinter } from "@madoguchi/core";
import { readPrintedPdf } from "./pdf-read-back.ts";

/** A named check, as the printing cases are. */
interface ScanCase {
  readonly name: string;
  readonly run: (printer: FormPrinter) => Promise<void>;
}

const PT_PER_INCH = 72;
/** A page size read back is compared to this many points (rounding of the image's size). */
const TOLERANCE_PT = 1;

const keep = async (printer: FormPrinter, bytes: Uint8Array): Promise<Result<Uint8Array, FormPrintError>> => {
  try {
    return await printer.scanToPdf({ bytes });
  } catch (thrown) {
    return expect.fail(`scanToPdf threw instead of returning an error value: ${String(thrown)}`);
  }
};

const kept = async (printer: FormPrinter, bytes: Uint8Array) => {
  const r = await keep(printer, bytes);
  if (r.isErr()) return expect.fail(`expected a PDF, got ${JSON.stringify(r.error)}`);
  return { bytes: r.value, pdf: await readPrintedPdf(r.value) };
};

/** A grey page with a dark bar, `width` × `height` pixels. */
const page = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 235, g: 235, b: 230 } } }).composite([
    { input: { create: { width: Math.floor(width / 2), height: Math.floor(height / 10), channels: 3, background: { r: 20, g: 20, b: 20 } } }, left: 10, top: 10 },
  ]);

const near = (actual: number, expected: number, what: string) => expect(Math.abs(actual - expected), `${what}: ${actual} pt, expected ${expected} pt`).toBeLessThanOrEqual(TOLERANCE_PT);

/** The cases of keeping a scan as PDF (C8): the paper's own size, every format the counter scans in, errors as values. */
export const scanToPdfCases: readonly ScanCase[] = [
  {
    name: "keeps a PNG scan of A4 paper at 200 dpi as one A4 page",
    run: async (printer) => {
      const png = new Uint8Array(await page(1654, 2339).withMetadata({ density: 200 }).png().toBuffer());
      const { pdf } = await kept(printer, png);
      expect(pdf.pageCount).toBe(1);
      near(pdf.widthPt, (1654 / 200) * PT_PER_INCH, "width");
      near(pdf.heightPt, (2339 / 200) * PT_PER_INCH, "height");
    },
  },
  {
    name: "keeps a JPEG of non-standard paper (a card at 300 dpi) at its own size, and one without a resolution at the assumed one",
    run: async (printer) => {
      const card = new Uint8Array(await page(1011, 638).withMetadata({ density: 300 }).jpeg({ quality: 85 }).toBuffer());
      const { pdf } = await kept(printer, card);
      near(pdf.widthPt, (1011 / 300) * PT_PER_INCH, "card width");
      near(pdf.heightPt, (638 / 300) * PT_PER_INCH, "card height");
      const bare = new Uint8Array(await page(800, 600).jpeg({ quality: 85 }).toBuffer());
      const { pdf: assumed } = await kept(printer, bare);
      near(assumed.widthPt, (800 / ASSUMED_SCAN_DPI) * PT_PER_INCH, "assumed width");
    },
  },
  {
    name: "keeps a TIFF scan as a PDF page",
    run: async (printer) => {
      const tiff = new Uint8Array(await page(400, 300).withMetadata({ density: 200 }).tiff().toBuffer());
      const { pdf } = await kept(printer, tiff);
      expect(pdf.pageCount).toBe(1);
      near(pdf.widthPt, (400 / 200) * PT_PER_INCH, "width");
    },
  },
  {
    name: "keeps a PDF scan byte for byte",
    run: async (printer) => {
      const first = await kept(printer, new Uint8Array(await page(400, 300).png().toBuffer()));
      const again = await kept(printer, first.bytes);
      expect(again.bytes).toEqual(first.bytes);
    },
  },
  {
    name: "refuses bytes that are no image or PDF (form.unreadable_scan)",
    run: async (printer) => {
      for (const bytes of [new TextEncoder().encode("not a scan"), new TextEncoder().encode("%PDF-1.7 but nothing else")]) {
        const r = await keep(printer, bytes);
        expect(r.isErr() ? r.error.code : "ok").toBe("form.unreadable_scan");
      }
    },
  },
];
