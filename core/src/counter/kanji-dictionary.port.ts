import type { AdapterMeta } from "../shared/adapter-meta.ts";

/** Contract id of {@link KanjiDictionary} (`describeKanjiDictionaryContract` in `@madoguchi/conformance/kanji-dictionary`). */
export const KANJI_DICTIONARY_CONTRACT = "kanji-dictionary@1" as const;

/**
 * One character of the dictionary. Readings are as dictionaries write them: 音読み in katakana, 訓読み and 名乗り in hiragana
 * (either may be empty: many 人名 variants such as 髙 have no reading of their own and are found through their
 * standard form). The radical is the Kangxi radical number (1–214) of the radical-stroke index; `strokes` the total.
 */
export interface KanjiEntry {
  readonly char: string;
  /** `U+9AD9`: how staff and vendors name a character that no keyboard types. */
  readonly codePoint: string;
  readonly on: readonly string[];
  readonly kun: readonly string[];
  /** 名乗り: readings used in names only (斎: ひとし, いつき), in hiragana. */
  readonly nanori: readonly string[];
  readonly strokes: number | null;
  readonly radical: number | null;
  /** Strokes besides the radical (the radical-stroke index's second number), or null. */
  readonly residualStrokes: number | null;
}

/**
 * C6 漢字検索: the characters the counter's printer can print (IPAmj明朝 for C11), with their readings, their variants
 * (異体字) and their radical-stroke index, so that staff find and enter a name's character that no IME offers.
 * In memory and synchronous: a dictionary is read once and kept; every method returns at most `limit` entries.
 */
export interface KanjiDictionary {
  readonly meta: AdapterMeta;
  /** The entry of one character, or null when the dictionary does not hold it. */
  entry(char: string): KanjiEntry | null;
  /**
   * Entries with a reading (音, 訓 or 名乗り) that begins with `kana` (hiragana and katakana compare alike; a 訓読み's
   * okurigana count as reading): those with a reading exactly `kana` first; within each, characters in common use
   * (常用・人名用, then JIS X 0208) before rare ones, then by strokes, then by code point.
   */
  byReading(kana: string, limit: number): readonly KanjiEntry[];
  /** The character's variants (異体字: the same character in another form, both ways), itself excluded, by code point. */
  variants(char: string): readonly KanjiEntry[];
  /** Characters with the same radical and residual strokes (similar shapes: 吉 and 𠮷), itself excluded, by code point. */
  sameRadicalStrokes(char: string, limit: number): readonly KanjiEntry[];
}
