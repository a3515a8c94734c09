/**
 * Hiragana → katakana (ぁ–ゖ and the iteration marks ゝゞ). Everything else is left as is, so the
 * function can be applied to mixed text.
 */
export const hiraganaToKatakana = (s: string): string =>
  s.replace(/[\u3041-\u3096\u309D\u309E]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));

/**
 * Half-width katakana (ｶﾀｶﾅ, U+FF61–U+FF9F) → full-width, composing voiced marks (ｶﾞ → ガ, ｳﾞ → ヴ,
 * ﾊﾟ → パ). NFKC is applied to runs of half-width kana only, never to the whole string (see
 * `toHalfWidthAscii` for why kanji must not be NFKC-normalised).
 */
export const halfWidthKatakanaToFullWidth = (s: string): string =>
  s.replace(/[\uFF61-\uFF9F]+/g, (run) => run.normalize("NFKC"));

/**
 * Normalises a furigana as typed: half-width katakana and hiragana become full-width katakana,
 * spaces are trimmed at both ends and runs of spaces collapse to one full-width space
 * (the register writes 姓 and 名 separated by one space).
 */
export const normalizeKanaReading = (s: string): string =>
  hiraganaToKatakana(halfWidthKatakanaToFullWidth(s))
    .trim()
    .replace(/[ \u3000]+/g, "\u3000");

/**
 * Whether `s` is a reading in katakana: full-width katakana (ァ–ヺ, ヽヾ), the prolonged sound mark
 * ー, the middle dot ・ (foreign names: ジョン・スミス) and half- or full-width spaces, with at
 * least one katakana letter.
 */
export const isKatakanaReading = (s: string): boolean =>
  /^[\u30A1-\u30FA\u30FB\u30FC\u30FD\u30FE \u3000]+$/.test(s) && /[\u30A1-\u30FA]/.test(s);
