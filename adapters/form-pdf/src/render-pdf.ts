import type { Font } from "@pdf-lib/fontkit";
import { PDFDocument, rgb } from "pdf-lib";
import type { FormLayout } from "@madoguchi/core";
import { withAlignedGlyphSubsets } from "./aligned-glyph-subset.ts";
import { fittedSizePt } from "./fitted-size.ts";
import type { PlacedText } from "./placed-texts.ts";
import { ptFromMm } from "./units.ts";

const BLACK = rgb(0, 0, 0);
const BOX_LINE_PT = 0.5;

/**
 * Draws one form: the layout's boxes, then its texts and the values, in the given font, embedded as a
 * subset (a few kB for the characters used, not the 46 MB file). Layout positions are from the top of the
 * page; PDF's are from the bottom.
 */
export const renderPdf = async (layout: FormLayout, texts: readonly PlacedText[], font: Font, fontBytes: Uint8Array): Promise<Uint8Array> => {
  const doc = await PDFDocument.create();
  // The layout's name, never a resident's: the title shows in viewers' title bars and print queues.
  doc.setTitle(layout.name.ja, { showInWindowTitleBar: true });
  doc.setCreator("madoguchi");
  doc.setLanguage("ja-JP");
  // pdf-lib parses the font with the fontkit it is given: handing it the font already parsed for the
  // character check saves a second parse of the whole file.
  const subsettable = withAlignedGlyphSubsets(font);
  doc.registerFontkit({ create: () => subsettable });
  const pdfFont = await doc.embedFont(fontBytes, { subset: true });
  const page = doc.addPage([ptFromMm(layout.page.widthMm), ptFromMm(layout.page.heightMm)]);
  const top = page.getHeight();
  for (const box of layout.boxes) {
    page.drawRectangle({
      x: ptFromMm(box.xMm),
      y: top - ptFromMm(box.yMm + box.heightMm),
      width: ptFromMm(box.widthMm),
      height: ptFromMm(box.heightMm),
      borderColor: BLACK,
      borderWidth: BOX_LINE_PT,
    });
  }
  for (const t of texts) {
    const size = t.widthMm === null ? t.sizePt : fittedSizePt(pdfFont, t.text, t.sizePt, ptFromMm(t.widthMm));
    page.drawText(t.text, { x: ptFromMm(t.xMm), y: top - ptFromMm(t.yMm), size, font: pdfFont, color: BLACK });
  }
  return doc.save();
};
