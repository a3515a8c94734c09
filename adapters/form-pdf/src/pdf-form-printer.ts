import { err, errAsync, ok, ResultAsync, type Result } from "neverthrow";
import { FORM_PRINTER_CONTRACT, type FormLayout, type FormPrintError, type FormPrinter, type PrintableForm } from "@madoguchi/core";
import type { Font } from "@pdf-lib/fontkit";
import { firstUndrawableCodePoint, formatCodePoint } from "./font-coverage.ts";
import { fontFileLoader, IPAMJ_MINCHO_PATH, parseFont } from "./font-file.ts";
import { placedTexts, type PlacedText } from "./placed-texts.ts";
import { renderPdf } from "./render-pdf.ts";
import { scanToPdf } from "./scan-to-pdf.ts";

/** Options of {@link createPdfFormPrinter}. */
export interface PdfFormPrinterOptions {
  /** A TrueType/OpenType font file with the characters of the forms (default: IPAmj明朝, {@link IPAMJ_MINCHO_PATH}). */
  readonly fontPath?: string;
}

/** The printer, and a health check for the composition root to run at start (is the font there and a font?). */
export interface PdfFormPrinter extends FormPrinter {
  healthCheck(): ResultAsync<void, FormPrintError>;
}

const checkCoverage = (font: Font, texts: readonly PlacedText[]): Result<void, FormPrintError> => {
  for (const t of texts) {
    const codePoint = firstUndrawableCodePoint(font, t.text);
    if (codePoint !== null) return err({ code: "form.unprintable_character", key: t.key, codePoint: formatCodePoint(codePoint) });
  }
  return ok(undefined);
};

// pdf-lib's and fontkit's messages may quote the text being drawn (a resident's name): only the kind of failure is kept.
const renderFailed = (cause: unknown): FormPrintError => ({
  code: "form.render_failed",
  message: `pdf-lib could not draw the form (${cause instanceof Error ? cause.name : typeof cause})`,
});

/**
 * A {@link FormPrinter} that draws forms as PDF with pdf-lib, in IPAmj明朝 by default, the font embedded as
 * a subset. Every character is checked against the font before anything is drawn.
 */
export const createPdfFormPrinter = (options: PdfFormPrinterOptions = {}): PdfFormPrinter => {
  const fontPath = options.fontPath ?? IPAMJ_MINCHO_PATH;
  const loadFontFile = fontFileLoader(fontPath);
  const loadFont = () => loadFontFile().andThen((bytes) => parseFont(bytes, fontPath).map((font) => ({ bytes, font })));
  return {
    meta: { contract: FORM_PRINTER_CONTRACT, name: "pdf-lib-ipamj", capabilities: new Set() },
    print: (layout: FormLayout, form: PrintableForm) => {
      const texts = placedTexts(layout, form);
      if (texts.isErr()) return errAsync(texts.error);
      return loadFont()
        .andThen(({ bytes, font }) => checkCoverage(font, texts.value).map(() => ({ bytes, font })))
        .andThen(({ bytes, font }) => ResultAsync.fromPromise(renderPdf(layout, texts.value, font, bytes), renderFailed));
    },
    scanToPdf: (scan) => scanToPdf(scan.bytes),
    healthCheck: () => loadFont().map(() => undefined),
  };
};
