import type { Font } from "@pdf-lib/fontkit";

/** The members of @pdf-lib/fontkit 1.1.1's TrueType subset (`TTFSubset`) this module relies on; not in its types. */
interface TrueTypeSubsetInternals {
  /** The glyph data written so far, one buffer per glyph of the subset. */
  glyf: Uint8Array[];
  /** Where the next glyph starts in the subset's glyf table. */
  offset: number;
  _addGlyph(glyphId: number): number;
}

const isTrueTypeSubset = (subset: object): subset is TrueTypeSubsetInternals =>
  "_addGlyph" in subset && typeof subset._addGlyph === "function" && !("cff" in subset && subset.cff);

/**
 * Makes the font's subsets pad every glyph to 4 bytes, as the OpenType spec asks of glyf data.
 *
 * Why: @pdf-lib/fontkit 1.1.1 copies each glyph's bytes as they are and then writes the subset's loca table
 * in the short format (offsets halved) whenever the subset is under 128 kB. An odd-length glyph — IPAmj明朝's
 * .notdef is 197 bytes — then shifts every later glyph by one byte: PDF.js, and other viewers, cannot read
 * the embedded font and draw the text in a substitute font (𠮷 came out as 吉, 髙 as 高) while the text
 * layer still reads right. Upstream fontkit fixed it (foliojs/fontkit#191); the fork pdf-lib uses did not.
 * Padding keeps every offset even, so the short format is exact. CFF (.otf) subsets have no glyf table and
 * are left alone. The fix is per font instance (one per print): nothing global is patched.
 */
export const withAlignedGlyphSubsets = (font: Font): Font => {
  const createSubset = font.createSubset.bind(font);
  font.createSubset = () => {
    const subset = createSubset();
    if (!isTrueTypeSubset(subset)) return subset;
    const addGlyph = subset._addGlyph.bind(subset);
    subset._addGlyph = (glyphId: number) => {
      const index = addGlyph(glyphId);
      const glyph = subset.glyf[index];
      const padding = glyph === undefined ? 0 : (4 - (glyph.length % 4)) % 4;
      if (glyph !== undefined && padding > 0) {
        // fontkit's bundled streams take only its own Buffer class (a browser polyfill), so the copy is made with the glyph's class.
        const Bytes = glyph.constructor as unknown as { alloc(size: number): Uint8Array };
        const padded = Bytes.alloc(glyph.length + padding);
        padded.set(glyph);
        subset.glyf[index] = padded;
        subset.offset += padding;
      }
      return index;
    };
    return subset;
  };
  return font;
};
