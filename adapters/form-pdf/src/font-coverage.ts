import type { Font } from "@pdf-lib/fontkit";

/** The cmap format 14 subtable (Unicode variation sequences, e.g. 邉 + U+E0110 for an MJ form of 邉). */
interface VariationSelectorRecord {
  readonly varSelector: number;
  readonly defaultUVS?: readonly { readonly startUnicodeValue: number; readonly additionalCount: number }[] | null;
  readonly nonDefaultUVS?: readonly { readonly unicodeValue: number; readonly glyphID: number }[] | null;
}
interface CmapTable {
  readonly tables: readonly { readonly table: { readonly version: number; readonly varSelectors?: { toArray(): VariationSelectorRecord[] } } }[];
}

const isVariationSelector = (codePoint: number) => (codePoint >= 0xfe00 && codePoint <= 0xfe0f) || (codePoint >= 0xe0100 && codePoint <= 0xe01ef);

/** C0 and C1 controls: fonts often map them to empty glyphs, and pdf-lib starts a new line at a line break. */
const isControl = (codePoint: number) => codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f);

/**
 * Whether the font draws `base` followed by `selector` as that variation. fontkit would silently draw the
 * base character for a sequence the font does not have, which on a signed form is a different character.
 */
const drawsVariation = (font: Font, base: number, selector: number): boolean => {
  // fontkit parses the cmap table but does not declare it in its types.
  const cmap = (font as unknown as { readonly cmap?: CmapTable }).cmap;
  const records = cmap?.tables.find((t) => t.table.version === 14)?.table.varSelectors?.toArray() ?? [];
  const record = records.find((r) => r.varSelector === selector);
  if (record === undefined) return false;
  const isDefault = (record.defaultUVS ?? []).some((r) => base >= r.startUnicodeValue && base <= r.startUnicodeValue + r.additionalCount);
  if (isDefault) return true;
  const isNonDefault = (record.nonDefaultUVS ?? []).some((r) => r.unicodeValue === base);
  // fontkit 1.1.1 looks a non-default sequence up only when its selector has no default list at all
  // (CmapProcessor.getVariationSelector), and otherwise draws the base glyph. IPAmj明朝 has no default
  // lists; for a font that has both, such a sequence cannot be drawn right, so it counts as missing.
  return isNonDefault && record.defaultUVS == null;
};

/**
 * The first code point of `text` the font cannot draw as written, or null: a character without a glyph, a
 * control character, or a variation selector the font has no sequence for (or that follows no character).
 */
export const firstUndrawableCodePoint = (font: Font, text: string): number | null => {
  let base: number | null = null;
  for (const character of text) {
    const codePoint = character.codePointAt(0) ?? 0;
    if (isVariationSelector(codePoint)) {
      if (base === null || !drawsVariation(font, base, codePoint)) return codePoint;
      base = null;
    } else if (isControl(codePoint) || !font.hasGlyphForCodePoint(codePoint)) {
      return codePoint;
    } else {
      base = codePoint;
    }
  }
  return null;
};

/** `U+1F600`: how the port's error names a code point. */
export const formatCodePoint = (codePoint: number): string => `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
