/**
 * The form readings are compared in: hiragana, without KANJIDIC's okurigana dot or affix dash (たか.い → たかい,
 * -べ → べ), long-vowel marks kept. 音読み (katakana) and 訓読み (hiragana) then compare alike.
 */
export const readingKey = (reading: string): string =>
  [...reading.normalize("NFKC").replace(/[.\-・]/g, "")]
    .map((c) => {
      const code = c.codePointAt(0)!;
      // Katakana ァ..ヶ sit 0x60 above hiragana ぁ..ゖ.
      return code >= 0x30a1 && code <= 0x30f6 ? String.fromCodePoint(code - 0x60) : c;
    })
    .join("");
