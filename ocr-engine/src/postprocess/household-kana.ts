/**
 * Where the family name ends in furigana that tesseract split into several words (ミヤ ザキ キチ ノスケ):
 * the members of one household mostly share their family name, so the gap after which the readings of
 * several members begin alike is the family/given gap. The field stays flagged `spacing_uncertain` (the
 * household may hold other family names): this only makes the value shown to staff more likely right.
 */

const prefixesAtGaps = (reading: string): string[] => {
  const words = reading.split(" ");
  return words.slice(1).map((_, i) => words.slice(0, i + 1).join(""));
};

/**
 * The family-name reading shared by the household, or null: among the readings' prefixes that end at a
 * gap, the one found in the most readings (at least two), the longer one on a tie (ミヤザキ over ミヤ).
 * A reading with exactly one gap is trusted: when there are such readings, only their prefixes compete.
 */
export const sharedFamilyKana = (readings: readonly string[]): string | null => {
  const gapped = readings.filter((r) => r.includes(" "));
  const trusted = new Set(gapped.filter((r) => r.split(" ").length === 2).map((r) => prefixesAtGaps(r)[0]!));
  const counts = new Map<string, number>();
  for (const r of gapped) for (const p of new Set(prefixesAtGaps(r))) counts.set(p, (counts.get(p) ?? 0) + 1);
  const candidates = [...counts].filter(([p, n]) => n >= 2 && (trusted.size === 0 || trusted.has(p)));
  candidates.sort(([a, n], [b, m]) => m - n || [...b].length - [...a].length);
  return candidates[0]?.[0] ?? null;
};

/** The reading with one gap after `family` when it begins with `family` at a gap; else unchanged. */
export const spaceAfterFamily = (reading: string, family: string): string => {
  if (!prefixesAtGaps(reading).includes(family)) return reading;
  return `${family} ${reading.replace(/ /g, "").slice(family.length)}`;
};
