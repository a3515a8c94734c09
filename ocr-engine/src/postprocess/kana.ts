import { collapseWhitespace, hiraganaToKatakana, toFullWidthKatakana, toHalfWidthAscii } from "./normalize-text.ts";

const SMALL_TO_LARGE: Readonly<Record<string, string>> = { ァ: "ア", ィ: "イ", ゥ: "ウ", ェ: "エ", ォ: "オ", ッ: "ツ", ャ: "ヤ", ュ: "ユ", ョ: "ヨ", ヮ: "ワ" };

/**
 * Furigana as katakana: hiragana converted, half-width katakana widened, whitespace collapsed.
 * Dash-like characters after a kana, and the kanji 一 there, become the long-vowel mark (OCR reads ー as
 * -, − or 一; none of them can follow a kana in a name reading). A small kana at the start is its full-size
 * form (ョシダ → ヨシダ): no reading begins with one, and the two differ only in size, which tesseract misjudges
 * on a lone glyph. Only at the start: tesseract's gaps fall anywhere, also before a small kana (キ ョウコ).
 */
export const normaliseKana = (text: string): string =>
  collapseWhitespace(hiraganaToKatakana(toFullWidthKatakana(toHalfWidthAscii(text))))
    .replace(/(?<=[\u30A1-\u30FA])[-‐‑–—―−－一]/g, "ー")
    .replace(/^[ァィゥェォッャュョヮ]/u, (c) => SMALL_TO_LARGE[c] ?? c);

/** Whether a normalised kana value holds only katakana, ー, ・ and spaces (and something at all). */
export const isKana = (text: string): boolean => /^[\u30A1-\u30FA\u30FC\u30FD\u30FE・ ]+$/.test(text) && /[\u30A1-\u30FA]/.test(text);
