import type { PDFFont } from "pdf-lib";

/** Smaller than this, print is hard to read on paper; also the smallest size a layout file may ask for. */
export const FLOOR_SIZE_PT = 4;

/**
 * The largest size, up to the placement's, at which `text` fits `widthPt`. A value is shrunk, never cut:
 * a cut name or address on a signed form is another name or address. A value too long even at
 * {@link FLOOR_SIZE_PT} is still printed whole at that size and runs past its box — an overflow that staff
 * and the resident can see, where a cut or an unreadably small value could pass unnoticed.
 */
export const fittedSizePt = (font: PDFFont, text: string, sizePt: number, widthPt: number): number => {
  const width = font.widthOfTextAtSize(text, sizePt);
  if (width <= widthPt) return sizePt;
  return Math.max(FLOOR_SIZE_PT, (sizePt * widthPt) / width);
};
