import { err, ok, type Result } from "neverthrow";
import type { KanjiDictionary, KanjiEntry } from "./kanji-dictionary.port.ts";

/** The most characters one search returns: a screen of buttons staff can still scan by eye. */
export const MAX_KANJI_RESULTS = 120;
/** The longest reading searched (a 訓読み with okurigana is rarely longer). */
export const MAX_KANJI_READING_LENGTH = 10;

/** How a found character relates to the query. */
export type KanjiRelation = "reading" | "same" | "variant" | "same_radical_strokes";

/** One found character. */
export interface KanjiSearchItem extends KanjiEntry {
  readonly relation: KanjiRelation;
}

/** What a search found. `mode`: the query was a reading (kana) or one character. */
export interface KanjiSearchResult {
  readonly query: string;
  readonly mode: "reading" | "character";
  readonly items: readonly KanjiSearchItem[];
  /** More characters matched than {@link MAX_KANJI_RESULTS}: a longer reading narrows the search. */
  readonly truncated: boolean;
}

/** Why a query was refused: empty, too long, or neither kana nor one character. */
export interface KanjiQueryError {
  readonly code: "kanji.invalid_query";
  readonly reason: "empty" | "too_long" | "not_kana_or_one_character" | "not_in_dictionary";
}

const VARIATION_SELECTORS = /[\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}]/gu;
const KANA = /^[\p{Script=Hiragana}\p{Script=Katakana}ー]+$/u;

/**
 * C6 漢字検索. A query in kana finds characters by reading (たか: 高, 隆, 鷹 …); one character finds itself, its
 * variants (高: 髙) and the characters with its radical and residual strokes (吉: 𠮷), in that order, each once.
 * The query is trimmed and NFC-normalised; half-width katakana are widened.
 */
export const searchKanji = (dictionary: KanjiDictionary, rawQuery: string): Result<KanjiSearchResult, KanjiQueryError> => {
  const query = rawQuery.normalize("NFKC").replace(/\s+/gu, "");
  const refuse = (reason: KanjiQueryError["reason"]) => err<KanjiSearchResult, KanjiQueryError>({ code: "kanji.invalid_query", reason });
  if (query === "") return refuse("empty");
  const chars = [...query];
  if (KANA.test(query)) {
    if (chars.length > MAX_KANJI_READING_LENGTH) return refuse("too_long");
    const found = dictionary.byReading(query, MAX_KANJI_RESULTS + 1);
    return ok({ query, mode: "reading", items: found.slice(0, MAX_KANJI_RESULTS).map((e) => ({ ...e, relation: "reading" as const })), truncated: found.length > MAX_KANJI_RESULTS });
  }
  // NFKC would fold a compatibility ideograph (欄 U+F91D) into its standard form (欄 U+6B04): one character is looked
  // up as typed, without a variation selector (an IVS names a glyph of the character, not another character).
  const typed = [...rawQuery.trim().replace(VARIATION_SELECTORS, "")];
  if (typed.length !== 1) return refuse(typed.length > 1 ? "not_kana_or_one_character" : "empty");
  const char = typed[0]!;
  const self = dictionary.entry(char);
  if (self === null) return refuse("not_in_dictionary");
  const seen = new Set<string>([char]);
  const items: KanjiSearchItem[] = [{ ...self, relation: "same" }];
  const add = (entries: readonly KanjiEntry[], relation: KanjiRelation) => {
    for (const e of entries) {
      if (seen.has(e.char)) continue;
      seen.add(e.char);
      items.push({ ...e, relation });
    }
  };
  add(dictionary.variants(char), "variant");
  add(dictionary.sameRadicalStrokes(char, MAX_KANJI_RESULTS + 1), "same_radical_strokes");
  return ok({ query: char, mode: "character", items: items.slice(0, MAX_KANJI_RESULTS), truncated: items.length > MAX_KANJI_RESULTS });
};
