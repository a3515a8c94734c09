/** Levenshtein edit distance between two strings, counted in code points (so 𠮷 is one character). */
export const editDistance = (a: string, b: string): number => {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      cur.push(Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost));
    }
    prev = cur;
  }
  return prev[y.length] as number;
};

/** The outcome of matching recognised text against a closed list. */
export type ClosestValue =
  | { readonly kind: "exact"; readonly value: string }
  | { readonly kind: "corrected"; readonly value: string; readonly distance: number }
  | { readonly kind: "none" };

/**
 * The allowed value the text stands for: itself when exact; else the single closest value when it is
 * strictly closer than every other and at most half its length away (at least 1); else none, because
 * a guess between two equally close values (妻/夫 from 妾) would be a silent error.
 */
export const closestValue = (text: string, allowed: readonly string[]): ClosestValue => {
  if (allowed.includes(text)) return { kind: "exact", value: text };
  if (text.length === 0 || allowed.length === 0) return { kind: "none" };
  const scored = allowed.map((value) => ({ value, distance: editDistance(text, value) })).sort((a, b) => a.distance - b.distance);
  const best = scored[0] as { value: string; distance: number };
  const second = scored[1];
  const limit = Math.max(1, Math.floor([...best.value].length / 2));
  if (best.distance > limit) return { kind: "none" };
  if (second !== undefined && second.distance === best.distance) return { kind: "none" };
  return { kind: "corrected", value: best.value, distance: best.distance };
};
