/**
 * From a page's recognised lines to islands of text ("segments") and the known labels among them.
 * A line is cut where a ruled line was read as a character (|, [, _ …) or where the gap between two
 * characters is wider than a character: that is where a label cell ends and its value begins.
 */
import type { LabelEntry } from "./label-vocabulary.ts";
import { isNotLabel, matchLabel, squash } from "./match-label.ts";
import type { PageChar, PageLine, PageWords, PixelBox } from "./page-words.ts";

/** An island of text on the page, in page pixels. */
export interface Segment {
  /** Squashed text. */
  readonly text: string;
  readonly chars: readonly PageChar[];
  readonly box: PixelBox;
}

/** A label word found on the page. */
export interface LabelHit {
  readonly entry: LabelEntry;
  /** The vocabulary wording that matched. */
  readonly word: string;
  /** 0 exact, 1 one character misread. */
  readonly edits: number;
  /** The label's characters, in page pixels. */
  readonly box: PixelBox;
  /** The whole segment the label starts (label plus a merged value, if any). */
  readonly segment: Segment;
}

/** Characters that are ruled lines or table clutter read as text: they separate cells. */
const SEPARATORS = /^[|｜\[\]［］_＿丨〔〕「」『』【】!！\/／\\]+$/u;

/** A gap wider than this many median character heights separates two islands. */
const GAP_FACTOR = 0.8;

/** The smallest box holding every box of a non-empty list. */
export const unionBox = (boxes: readonly PixelBox[]): PixelBox => ({
  x0: Math.min(...boxes.map((b) => b.x0)),
  y0: Math.min(...boxes.map((b) => b.y0)),
  x1: Math.max(...boxes.map((b) => b.x1)),
  y1: Math.max(...boxes.map((b) => b.y1)),
});

const median = (values: readonly number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.floor(s.length / 2)]!;
};

/** Splits one line into segments at separator characters and wide gaps. */
export const segmentsOf = (line: PageLine): Segment[] => {
  const h = median(line.chars.map((c) => c.box.y1 - c.box.y0));
  const out: Segment[] = [];
  let current: PageChar[] = [];
  const flush = () => {
    if (current.length > 0) out.push({ text: squash(current.map((c) => c.text).join("")), chars: current, box: unionBox(current.map((c) => c.box)) });
    current = [];
  };
  for (const c of line.chars) {
    if (SEPARATORS.test(c.text)) {
      flush();
      continue;
    }
    const prev = current[current.length - 1];
    if (prev !== undefined && c.box.x0 - prev.box.x1 > GAP_FACTOR * h) flush();
    current.push(c);
  }
  flush();
  return out;
};

/** Every line's segments, top to bottom. */
export const pageSegments = (words: PageWords): Segment[][] => words.lines.map((l) => segmentsOf(l).filter((s) => s.text !== "")).filter((l) => l.length > 0);

const joinSegments = (parts: readonly Segment[]): Segment => ({
  text: parts.map((p) => p.text).join(""),
  chars: parts.flatMap((p) => p.chars),
  box: unionBox(parts.map((p) => p.box)),
});

/** How many following segments a label spread out in print (氏　名, 生　年　月　日) may span. */
const MAX_JOIN = 4;

const hitOf = (segment: Segment, vocabulary: readonly LabelEntry[], exactWhole: boolean): LabelHit | null => {
  const m = matchLabel(segment.text, vocabulary);
  // Joined segments must be one whole wording; one misread character only in wordings of four or more.
  if (m === null || (exactWhole && (m.edits > 0 ? m.word.length < 4 : m.word !== segment.text))) return null;
  // The label's own characters: the first `length` of the squashed text (one char per symbol, mostly).
  let count = 0;
  const own: PageChar[] = [];
  for (const c of segment.chars) {
    if (count >= m.length) break;
    own.push(c);
    count += squash(c.text).length;
  }
  return { entry: m.entry, word: m.word, edits: m.edits, box: unionBox(own.map((c) => c.box)), segment };
};

/**
 * The known labels on the page's lines (at most one per segment, at its start). A wording printed
 * with wide spaces comes back as several segments: consecutive segments are joined when together they
 * are exactly one wording. A line that starts with a title or the certifying sentence holds no label.
 */
export const findLabels = (lines: readonly (readonly Segment[])[], vocabulary: readonly LabelEntry[]): LabelHit[] =>
  lines.flatMap((line) => {
    if (isNotLabel(line.map((s) => s.text).join(""))) return [];
    const hits: LabelHit[] = [];
    for (let i = 0; i < line.length; i++) {
      let joined: LabelHit | null = null;
      for (let n = Math.min(MAX_JOIN, line.length - i); n >= 2 && joined === null; n--) {
        const parts = line.slice(i, i + n);
        // A part that is a whole wording by itself (性 before 世帯主との続柄) is its own label.
        if (parts.some((p) => matchLabel(p.text, vocabulary)?.word === p.text)) continue;
        joined = hitOf(joinSegments(parts), vocabulary, true);
        if (joined !== null) i += n - 1;
      }
      const hit = joined ?? hitOf(line[i]!, vocabulary, false);
      if (hit !== null) hits.push(hit);
    }
    return hits;
  });
