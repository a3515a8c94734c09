import type { KanjiEntry, KanjiRelation, KanjiSearchItem } from "@madoguchi/core";
import type { Locale } from "../../../i18n/locale.ts";
import { counterMessages } from "./counter-messages.ts";

/**
 * C6 漢字検索 on the counter page: the pure part — how the found characters are shown (grouped by how they relate
 * to the query, in a fixed order) and named to a screen reader. The search itself is the server's
 * (`GET /api/staff/counter/kanji`, core's `searchKanji`).
 */

/** The groups in the order shown: the character itself, its variants, then by reading, then similar shapes. */
export const KANJI_RELATION_ORDER: readonly KanjiRelation[] = ["same", "variant", "reading", "same_radical_strokes"];

/** The found characters of one relation, in the server's order. */
export interface KanjiGroup {
  readonly relation: KanjiRelation;
  readonly items: readonly KanjiSearchItem[];
}

/** `items` grouped by relation in {@link KANJI_RELATION_ORDER}, each group in the server's order; empty groups left out. */
export const groupKanji = (items: readonly KanjiSearchItem[]): readonly KanjiGroup[] =>
  KANJI_RELATION_ORDER.map((relation) => ({ relation, items: items.filter((item) => item.relation === relation) })).filter((group) => group.items.length > 0);

/** Whether a query is worth sending: the server refuses an empty one (and says why for everything else). */
export const isBlankKanjiQuery = (query: string): boolean => query.trim() === "";

/**
 * The readings under a character: 音読み, 訓読み then 名乗り, at most `max` (≥ 1) of each ("…" after the last when
 * there are more), "" when it has none. All of them are in the button's name ({@link kanjiButtonLabel}).
 */
export const kanjiReadings = (entry: Pick<KanjiEntry, "on" | "kun" | "nanori">, max = 2): string => {
  const some = (readings: readonly string[]) => (readings.length > max ? [...readings.slice(0, max - 1), `${readings[max - 1] ?? ""}…`] : readings);
  return [...some(entry.on), ...some(entry.kun), ...some(entry.nanori)].join("・");
};

/** The strokes under a character (`11画`), or "" when unknown. */
export const kanjiStrokes = (entry: Pick<KanjiEntry, "strokes">, locale: Locale): string =>
  entry.strokes === null ? "" : counterMessages[locale].kanjiStrokes(entry.strokes);

/**
 * The accessible name of a character's button: the character, its code point (how it is named when no font shows
 * it), all its readings (音, 訓, 名乗り) and its strokes — 「髙（U+9AD9、コウ、たかい、11画）を入力」.
 */
export const kanjiButtonLabel = (entry: KanjiEntry, locale: Locale): string => {
  const strokes = kanjiStrokes(entry, locale);
  return counterMessages[locale].kanjiInsert(entry.char, [entry.codePoint, ...entry.on, ...entry.kun, ...entry.nanori, ...(strokes === "" ? [] : [strokes])]);
};
