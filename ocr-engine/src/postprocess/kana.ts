import { collapseWhitespace, hiraganaToKatakana, toFullWidthKatakana, toHalfWidthAscii } from "./normalize-text.ts";

/**
 * Furigana as katakana: hiragana converted, half-width katakana widened, whitespace collapsed.
 * Dash-like characters after a kana, and the kanji 一 there, become the long-vowel mark (OCR reads ー as
 * -, − or 一; none of them can follow a kana in a name reading).
 */
export const normaliseKana = (text: string): string =>
  collapseWhitespace(hiraganaToKatakana(toFullWidthKatakana(toHalfWidthAscii(text)))).replace(
    /(?<=[\u30A1-\u30FA])[-‐‑–—―−－一]/g,
    "ー",
  );

/** Whether a normalised kana value holds only katakana, ー, ・ and spaces (and something at all). */
export const isKana = (text: string): boolean => /^[\u30A1-\u30FA\u30FC\u30FD\u30FE・ ]+$/.test(text) && /[\u30A1-\u30FA]/.test(text);
