/**
 * Width and whitespace normalisation shared by every field type. Deliberately not NFKC on the whole
 * string: NFKC also rewrites CJK compatibility ideographs (神 U+FA19 → 神), and a person's registered
 * kanji must come back exactly as printed. Only ASCII, the ideographic space and half-width katakana are
 * folded.
 */

/** Full-width ASCII (！..～) to half-width, ideographic space to a space; everything else untouched. */
export const toHalfWidthAscii = (text: string): string =>
  text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, " ");

/** Half-width katakana (ｶﾞ …) to full-width (ガ), combining the voiced marks. Other text is untouched. */
export const toFullWidthKatakana = (text: string): string =>
  text.replace(/[\uFF61-\uFF9F]+/g, (run) => run.normalize("NFKC"));

/** Hiragana to katakana (ぁ..ゖ, ゝゞ); other text untouched. */
export const hiraganaToKatakana = (text: string): string =>
  text.replace(/[\u3041-\u3096\u309D\u309E]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));

/** Any run of whitespace (incl. the ideographic space, tabs, line breaks) to one space, trimmed. */
export const collapseWhitespace = (text: string): string => text.replace(/[\s\u3000]+/g, " ").trim();

/** Dash-like characters OCR returns for a hyphen: hyphen-minus variants, dashes, the long-vowel mark. */
export const DASH_CHARS = "-‐‑‒–—―−－ｰー─━";

const dashClass = `[${DASH_CHARS.replace(/-/g, "\\-")}]`;

/** Replaces dash-like characters between two digits (where a 長音 ー cannot be meant) by `-`. */
export const normaliseDashesBetweenDigits = (text: string): string =>
  text.replace(new RegExp(`(?<=\\d)\\s*${dashClass}\\s*(?=\\d)`, "g"), "-");

/** Replaces every dash-like character by `-` (for fields that hold no kana, like numbers and codes). */
export const normaliseAllDashes = (text: string): string => text.replace(new RegExp(dashClass, "g"), "-");

/** The common first step: full-width ASCII folded, half-width katakana widened, whitespace collapsed. */
export const normaliseText = (text: string): string => collapseWhitespace(toFullWidthKatakana(toHalfWidthAscii(text)));

/**
 * Drops the spaces tesseract's jpn model puts between Japanese words and characters (みほ ん 59 →
 * みほん59, タメ シ 共 和 国 → タメシ共和国): Japanese is written without spaces, so only a space next to a
 * Roman letter (a building or country name in Latin script) carries meaning and is kept.
 */
export const dropSpacesBetweenJapanese = (text: string): string => text.replace(/(?<![A-Za-z]) (?![A-Za-z])/g, "");

/**
 * Removes lone punctuation tokens at either end of a line (`タメシ共和国 .`, `・ 1992年…`): specks of the
 * card's print or a cell border read as a full stop, a middle dot or a dash, set apart by a space. A mark
 * that touches a character is kept: it may belong to the value.
 */
export const dropStrayEdgePunctuation = (text: string): string =>
  text.replace(/^(?:[.,・。、'"`:;_|\-]+\s+)+/u, "").replace(/(?:\s+[.,・。、'"`:;_|\-]+)+$/u, "");
