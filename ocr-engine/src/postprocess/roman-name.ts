import { collapseWhitespace, toHalfWidthAscii } from "./normalize-text.ts";

/**
 * A name in Roman letters as on a 在留カード: upper case, one space between words, a comma followed by one
 * space (`SMITH,JOHN` → `SMITH, JOHN`). Digits are not turned into look-alike letters: a 0 in a name is a
 * misread that must be flagged, not guessed.
 */
export const normaliseRomanName = (text: string): string =>
  collapseWhitespace(toHalfWidthAscii(text).replace(/[、，]/g, ","))
    .toUpperCase()
    .replace(/\s*,\s*/g, ", ")
    .replace(/^,\s*|,\s*$/g, "")
    .trim();

/** Whether a normalised Roman name holds only A–Z, spaces, commas, hyphens, apostrophes and periods. */
export const isRomanName = (text: string): boolean => /^[A-Z][A-Z ,.'-]*$/.test(text) && !/,.*,.*,/.test(text);
