import { normalizeKanaReading } from "@madoguchi/core";

/**
 * The form readings are compared in: core's reading form (katakana, half-width widened), without KANJIDIC's
 * okurigana dot or affix dash and without spaces (たか.い → タカイ, -べ → ベ). 音読み (katakana) and 訓読み (hiragana)
 * then compare alike.
 */
export const readingKey = (reading: string): string => normalizeKanaReading(reading.replace(/[.\-・\s\u3000]/g, ""));
