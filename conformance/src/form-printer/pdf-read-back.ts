import { extractText, extractTextItems, getDocumentProxy } from "unpdf";

/** A run of text on the page as a reader sees it, in points from the bottom-left corner (PDF's own axes). */
export interface PageTextItem {
  readonly str: string;
  readonly x: number;
  /** Baseline. */
  readonly y: number;
  readonly width: number;
}

/** What a printed PDF holds, read back with PDF.js (unpdf): the check is on the bytes, not on the printer's word. */
export interface PrintedPdf {
  readonly pageCount: number;
  /** Size of the first page, points. */
  readonly widthPt: number;
  readonly heightPt: number;
  /** The first page's text as copied from a viewer. */
  readonly text: string;
  readonly items: readonly PageTextItem[];
}

/** Reads a PDF back, or fails the test with why it is not one. */
export const readPrintedPdf = async (bytes: Uint8Array): Promise<PrintedPdf> => {
  // PDF.js may take over (detach) the buffer it is given: it gets a copy.
  const document = await getDocumentProxy(bytes.slice());
  try {
    const page = await document.getPage(1);
    const { width, height } = page.getViewport({ scale: 1 });
    const { text } = await extractText(document);
    const items = (await extractTextItems(document)).items[0] ?? [];
    return {
      pageCount: document.numPages,
      widthPt: width,
      heightPt: height,
      text: text[0] ?? "",
      items: items.filter((i) => i.str.trim() !== "").map(({ str, x, y, width: w }) => ({ str, x, y, width: w })),
    };
  } finally {
    await document.loadingTask.destroy();
  }
};

/** PDF points per millimetre (1 pt = 1/72 inch). */
export const ptFromMm = (mm: number): number => (mm * 72) / 25.4;
