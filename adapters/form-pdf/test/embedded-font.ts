import fontkit, { type Font } from "@pdf-lib/fontkit";
import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, PDFRawStream } from "pdf-lib";

/**
 * The font program embedded in a printed PDF (its FontFile2 stream), parsed with fontkit: what a viewer
 * draws from, so a test can compare its outlines with the font file's.
 */
export const embeddedFonts = async (pdf: Uint8Array): Promise<Font[]> => {
  const doc = await PDFDocument.load(pdf);
  const fonts: Font[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of("Type")) !== PDFName.of("FontDescriptor")) continue;
    const file = doc.context.lookup(object.get(PDFName.of("FontFile2")));
    if (file instanceof PDFRawStream) fonts.push(fontkit.create(Buffer.from(decodePDFRawStream(file).decode())));
  }
  return fonts;
};

/** A glyph's outline as SVG path data: equal strings, equal shapes. */
export const outlineOf = (font: Font, glyphId: number): string => font.getGlyph(glyphId).path.toSVG();
