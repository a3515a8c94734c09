/**
 * Matching recognised text against the label vocabulary. Tesseract misreads one character of a label
 * now and then (世帯主 → 世帯詩, 現住所 → 赴住所), so a wording matches with at most one edit — but
 * only when it is long enough that one edit cannot turn another word into it, and only when it fills
 * its whole island of text (a title such as 転出証明書 is one edit from 転出先 over its first three
 * characters). Longest wording first, so 転出予定年月日 wins over 年月日-like shorter words and 世帯主との続柄
 * over 世帯主.
 */
import { editDistance } from "../postprocess/closest-value.ts";
import { NOT_LABELS, type LabelEntry } from "./label-vocabulary.ts";

/** Removes every kind of space: tesseract puts spaces between Japanese characters, forms print 氏　名. */
export const squash = (s: string): string => s.replace(/[\s\u3000]+/g, "");

/** A wording found at the start of a text. */
export interface LabelMatch {
  readonly entry: LabelEntry;
  /** The wording of the vocabulary that matched (squashed). */
  readonly word: string;
  /** How many characters of the text the label takes (the rest is the value, when merged). */
  readonly length: number;
  /** Edits between the wording and the text: 0 exact, 1 one misread, missing or extra character. */
  readonly edits: number;
}

/** Fewest characters a wording needs before one misread character is tolerated. */
const FUZZY_MIN_LENGTH = 3;

const entriesByLength = (vocabulary: readonly LabelEntry[]) =>
  vocabulary
    .flatMap((entry) => entry.words.map((w) => ({ entry, word: squash(w) })))
    .sort((a, b) => b.word.length - a.word.length);

/** True when `text` (squashed) is one of the words that look like labels but are not (titles …). */
export const isNotLabel = (text: string): boolean => {
  const t = squash(text);
  return NOT_LABELS.some((w) => t.startsWith(w) || (w.length >= 4 && t.length >= w.length - 1 && editDistance(t.slice(0, w.length), w) <= 1));
};

/**
 * The label at the start of `text` (squashed first), or null. Exact wordings may be followed by more
 * text (a value merged into the same island); a wording matched with one edit must be the whole text
 * (give or take that edit), and single-character wordings (性) must be the whole text.
 */
export const matchLabel = (text: string, vocabulary: readonly LabelEntry[]): LabelMatch | null => {
  const t = squash(text);
  if (t === "" || isNotLabel(t)) return null;
  const candidates = entriesByLength(vocabulary);
  for (const { entry, word } of candidates) {
    if (word.length === 1 ? t === word : t.startsWith(word)) return { entry, word, length: word.length, edits: 0 };
  }
  let best: LabelMatch | null = null;
  for (const { entry, word } of candidates) {
    // A missing character is tolerated only in long wordings: 転出 (the title, split) is not 転出先.
    if (word.length < FUZZY_MIN_LENGTH || t.length > word.length + 1 || t.length < word.length - (word.length >= 5 ? 1 : 0)) continue;
    const edits = editDistance(t, word);
    if (edits <= 1 && (best === null || edits < best.edits)) best = { entry, word, length: t.length, edits };
  }
  return best;
};
