/**
 * tesseract's LSTM, unsure whether a kana of the は row bears a dakuten, a handakuten or none (ほ, ぼ or ぽ: the
 * ring and the two dots blur into each other, and the ink bias fills the ring), sometimes emits two of the
 * alternatives one after the other: みほん read みほぼん, コーポ read コーボポ. Such a stutter is two adjacent kana of
 * the は row with one base that differ only by their mark. Words do have them (ほぼ, ひび), so a stutter is never
 * repaired on its own: only another reading of the same crop with one of the two kana there tells it apart. The
 * other rows are left out: their pairs are common in names (スズキ, ツヅキ, カガワ), and the mark is two-way there.
 */
import { align } from "./reading-consensus.ts";

/** A kana without its dakuten or handakuten (ぼ, ぽ → ほ; ボ, ポ → ホ); any other character as it is. */
const unmarked = (c: string): string => c.normalize("NFD").replace(/[\u3099\u309A]/gu, "");

const HA_ROW = /^[はひふへほハヒフヘホ]$/u;

/**
 * The texts a stuttered reading would be with one kana of a stutter dropped (みほぼん → みほん, みぼん); none
 * when the text holds no two adjacent は-row kana of one base with different marks.
 */
export const stutterResolutions = (text: string): readonly string[] => {
  const chars = [...text];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) {
    const [a, b] = [chars[i]!, chars[i + 1]!];
    if (a === b || !HA_ROW.test(unmarked(a)) || unmarked(a) !== unmarked(b)) continue;
    out.push([...chars.slice(0, i), ...chars.slice(i + 1)].join(""), [...chars.slice(0, i + 1), ...chars.slice(i + 2)].join(""));
  }
  return out;
};

/** A は-row kana with a dakuten, and the same kana with a handakuten (ば → ぱ, ボ → ポ). */
const withRing = (c: string): string | null => {
  const d = c.normalize("NFD");
  return d.length === 2 && d.endsWith("\u3099") && HA_ROW.test(d[0]!) ? `${d[0]}\u309A`.normalize("NFC") : null;
};

/**
 * Whether `other` is `text` with a handakuten where `text` has a dakuten, on one or more は-row kana, and the same
 * elsewhere (コーボ beside コーポ, さんぶる beside さんぷる). The ink-biased binarisation fills a handakuten's ring,
 * which then reads as a dakuten, while nothing opens two dots into a ring: on the bench's readings of seeds 1–8,
 * さんぷる, コーポ and サンプル were read with the dakuten 66 times, れいぶん with a handakuten never (148 readings).
 * So of two such readings the one with the ring is the likelier.
 */
export const hasRingWhereDots = (text: string, other: string): boolean => {
  const a = [...text];
  const b = [...other];
  if (a.length !== b.length || text === other) return false;
  return a.every((c, i) => c === b[i] || withRing(c) === b[i]);
};

/**
 * Whether two readings of one crop differ, at one aligned place at least, by dots against a ring on the same kana
 * (さんぶる村 beside さんぷる村): the crop's binarisation fills rings there, so dots elsewhere in it may be a filled
 * ring too — and where every reading has them (さんぶる荘, bench seed 49, the place name corrected by the dictionary
 * in one reading), nothing else tells. `texts` are readings with the spaces that mean nothing removed.
 */
export const readingsFillRings = (texts: readonly string[]): boolean =>
  texts.some((t, i) =>
    texts.slice(i + 1).some((u) => {
      const base = [...t];
      const { at } = align(base, [...u]);
      return base.some((c, k) => at[k] !== undefined && at[k] !== "" && (withRing(c) === at[k] || withRing(at[k]!) === c));
    }),
  );

/** A kana of the は row with dakuten (ば … ぼ, バ … ボ): what a filled handakuten's ring reads as. */
export const DOTTED_HA_KANA = /[ばびぶべぼバビブベボ]/u;

/** Which mark a kana bears: "dots" (dakuten), "ring" (handakuten) or "none". */
const markOf = (c: string): "dots" | "ring" | "none" => {
  const d = c.normalize("NFD");
  return d.endsWith("\u3099") ? "dots" : d.endsWith("\u309A") ? "ring" : "none";
};

/**
 * A value that still holds a stutter after the vote (no other reading resolved it) is no word the recogniser was
 * sure of. Where the stutter is dots beside a ring (コーボポ, さんぶぷる), the dots go: the ink bias fills rings and
 * never opens dots into one (see {@link hasRingWhereDots}). Null when the text has no such stutter; a stutter of
 * an unmarked kana and a marked one (みほぼん) is left as it is, and only flagged.
 */
export const dropDotsBesideRing = (text: string): string | null => {
  const chars = [...text];
  for (let i = 0; i + 1 < chars.length; i++) {
    const [a, b] = [chars[i]!, chars[i + 1]!];
    if (!HA_ROW.test(unmarked(a)) || unmarked(a) !== unmarked(b)) continue;
    const marks = [markOf(a), markOf(b)];
    if (marks.includes("dots") && marks.includes("ring")) {
      chars.splice(markOf(a) === "dots" ? i : i + 1, 1);
      return dropDotsBesideRing(chars.join("")) ?? chars.join("");
    }
  }
  return null;
};
