/**
 * A character-level vote between three or more readings of one crop, after ROVER (Fiscus, 1997): every reading
 * is aligned by edit distance to a backbone — the reading closest to all the others — and at each place the
 * character most readings have there wins; a character that only some readings add between two places is kept
 * only when most readings add it. The readings of one crop at other heights and binarisations misread
 * independently, each a character or two, so the vote can recover a value that no single reading holds whole:
 * 令和5年8月30日, 令和5年3月380日, 令和5年3月30日, 令和5年3月80日, 令和5年3月80日 → 令和5年3月30日 (bench seed 37),
 * where the whole-value vote had only 8月30日 and 3月30日, one reading each, to choose from.
 */
import { editDistance } from "./closest-value.ts";

/** How one reading lines up with the backbone: per backbone place its character or "" (dropped), and what it adds before each place. */
export interface Alignment {
  readonly at: readonly string[];
  /** `before[k]`: characters the reading has between backbone places k − 1 and k (`before[n]`: after the last). */
  readonly before: readonly string[];
}

/** Aligns `reading` to `backbone` (Levenshtein, a substitution preferred over a drop and an addition at equal cost). */
export const align = (backbone: readonly string[], reading: readonly string[]): Alignment => {
  const n = backbone.length;
  const m = reading.length;
  const d: number[][] = Array.from({ length: n + 1 }, (_, i) => Array.from({ length: m + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const cost = backbone[i - 1] === reading[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j - 1]! + cost, d[i - 1]![j]! + 1, d[i]![j - 1]! + 1);
    }
  }
  const at = Array.from({ length: n }, () => "");
  const before = Array.from({ length: n + 1 }, () => "");
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && d[i]![j] === d[i - 1]![j - 1]! + (backbone[i - 1] === reading[j - 1] ? 0 : 1)) {
      at[i - 1] = reading[j - 1]!;
      i--;
      j--;
    } else if (i > 0 && d[i]![j] === d[i - 1]![j]! + 1) {
      i--; // the backbone's character has no counterpart: `at` stays ""
    } else {
      before[i] = reading[j - 1]! + before[i];
      j--;
    }
  }
  return { at, before };
};

/** The entry with the most votes; a tie goes to `preferred` when it is among the leaders, else to the first counted. */
const mostVoted = (votes: readonly string[], preferred: string): { readonly value: string; readonly count: number } => {
  const counts = new Map<string, number>();
  for (const v of votes) counts.set(v, (counts.get(v) ?? 0) + 1);
  const top = Math.max(...counts.values());
  const value = counts.get(preferred) === top ? preferred : [...counts].find(([, c]) => c === top)![0];
  return { value, count: top };
};

/**
 * The character-level consensus of `texts` (each a reading of the same crop, spaces already removed where they
 * mean nothing); null for fewer than three readings, where a vote between two cannot outvote either. The
 * backbone is the reading with the least total edit distance to the others (the first of equals), so a tie at a
 * place keeps the backbone's character.
 */
export const readingConsensus = (texts: readonly string[]): string | null => {
  if (texts.length < 3) return null;
  const spread = texts.map((t) => texts.reduce((sum, u) => sum + editDistance(t, u), 0));
  const backbone = [...texts[spread.indexOf(Math.min(...spread))]!];
  const alignments = texts.map((t) => align(backbone, [...t]));
  const out: string[] = [];
  for (let k = 0; k <= backbone.length; k++) {
    const added = mostVoted(alignments.map((a) => a.before[k]!), "");
    if (added.value !== "" && added.count * 2 > texts.length) out.push(added.value);
    if (k < backbone.length) out.push(mostVoted(alignments.map((a) => a.at[k]!), backbone[k]!).value);
  }
  return out.join("");
};
