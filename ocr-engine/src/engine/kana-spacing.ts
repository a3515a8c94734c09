/**
 * Where the space goes in a kana name read from a crop. A furigana is printed as family name, a full-width space
 * (about one character wide) and given name; tesseract often splits the kana into more words at gaps a fraction of
 * that (イノ ウエ キチ ノスケ for イノウエ　キチノスケ), and post-processing can then only flag the field
 * `spacing_uncertain`. The words' positions tell the printed space from those splits: it is by far the widest gap.
 */
import type { Recognition } from "../pipeline/recognizer-pool.ts";

/** The widest gap is the printed space only when it is at least this many times the next widest. */
export const DECISIVE_GAP_RATIO = 1.5;

/**
 * The reading's text with one space, at the widest gap between its words, when that gap is decisive (one line,
 * three words or more); otherwise the text as tesseract gave it. Overlapping boxes make no gap.
 */
export const kanaTextAtWidestGap = (r: Recognition): string => {
  // Reading order, not sorted by position: the LSTM's word boxes can overlap (キチ 254–452 px beside ノ 337–377).
  const words = r.words ?? [];
  if (words.length < 3 || words.some((w) => w.line !== words[0]!.line)) return r.text;
  const gaps = words.slice(1).map((w, i) => w.x0 - words[i]!.x1);
  const [widest, next] = [...gaps].sort((a, b) => b - a) as [number, number];
  if (widest <= 0 || widest < DECISIVE_GAP_RATIO * Math.max(next, 1)) return r.text;
  const at = gaps.indexOf(widest) + 1;
  const join = (ws: readonly { readonly text: string }[]) => ws.map((w) => w.text).join("");
  return `${join(words.slice(0, at))} ${join(words.slice(at))}`;
};
