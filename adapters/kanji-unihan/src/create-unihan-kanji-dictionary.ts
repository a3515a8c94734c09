import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { KANJI_DICTIONARY_CONTRACT, type KanjiDictionary, type KanjiEntry } from "@madoguchi/core";
import { readingKey } from "./reading-key.ts";

const INDEX = fileURLToPath(new URL("../data/kanji-index.json", import.meta.url));
const LINKS = fileURLToPath(new URL("../data/kanjidic-links.json", import.meta.url));

/** The data files' rows after their header line (one JSON array per line; see scripts/build-kanji-index.ts). */
const rowsOf = <Row>(file: string, format: string): Row[] => {
  const [header, ...lines] = readFileSync(file, "utf8").split("\n");
  const parsed = JSON.parse(header ?? "{}") as { format?: string; count?: number };
  if (parsed.format !== format) throw new Error(`${file}: expected format ${format}, found ${String(parsed.format)}`);
  const rows = lines.filter((l) => l !== "").map((l) => JSON.parse(l) as Row);
  if (rows.length !== parsed.count) throw new Error(`${file}: the header says ${parsed.count} rows, the file holds ${rows.length}`);
  return rows;
};

type IndexRow = [char: string, on: string, kun: string, strokes: number, radical: number, residual: number, variants: string];
/** `rank`: 1 常用・人名用, 2 the rest of JIS X 0208; characters KANJIDIC does not list are 3. */
type LinkRow = [char: string, variants: string, nanori: string, rank: number];

const split = (words: string): string[] => (words === "" ? [] : words.split(" "));
const byCodePoint = (a: KanjiEntry, b: KanjiEntry) => a.char.codePointAt(0)! - b.char.codePointAt(0)!;

interface Loaded {
  readonly entries: ReadonlyMap<string, KanjiEntry>;
  readonly variants: ReadonlyMap<string, ReadonlySet<string>>;
  /** Every (reading key, character) pair, sorted by key: a prefix is a contiguous run found by binary search. */
  readonly readings: readonly (readonly [key: string, char: string])[];
  readonly sameShape: ReadonlyMap<string, readonly KanjiEntry[]>;
  /** How common a character is (LinkRow's rank): a reading's common characters are listed first. */
  readonly rank: ReadonlyMap<string, number>;
}

const load = (): Loaded => {
  const links = new Map(rowsOf<LinkRow>(LINKS, "madoguchi-kanjidic-links@1").map(([c, v, n, rank]) => [c, { variants: [...v], nanori: split(n), rank }]));
  const entries = new Map<string, KanjiEntry>();
  const variants = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    if (a === b) return;
    variants.set(a, (variants.get(a) ?? new Set()).add(b));
    variants.set(b, (variants.get(b) ?? new Set()).add(a));
  };
  for (const [char, on, kun, strokes, radical, residual, vs] of rowsOf<IndexRow>(INDEX, "madoguchi-kanji-index@1")) {
    const extra = links.get(char);
    entries.set(char, {
      char,
      codePoint: `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`,
      on: split(on),
      kun: split(kun),
      nanori: extra?.nanori ?? [],
      strokes: strokes > 0 ? strokes : null,
      radical: radical > 0 ? radical : null,
      residualStrokes: radical > 0 ? residual : null,
    });
    for (const v of [...vs, ...(extra?.variants ?? [])]) link(char, v);
  }
  // A variant the index does not hold (neither printable nor a CJK ideograph) is never offered.
  for (const [c, set] of variants) for (const v of set) if (!entries.has(v) || !entries.has(c)) set.delete(v);
  const readings: [string, string][] = [];
  const sameShape = new Map<string, KanjiEntry[]>();
  const rank = new Map([...links].map(([c, l]) => [c, l.rank]));
  for (const e of entries.values()) {
    for (const key of new Set([...e.on, ...e.kun, ...e.nanori].map(readingKey))) if (key !== "") readings.push([key, e.char]);
    if (e.radical !== null) {
      const shape = `${e.radical}.${e.residualStrokes}`;
      const group = sameShape.get(shape);
      if (group === undefined) sameShape.set(shape, [e]);
      else group.push(e);
    }
  }
  readings.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { entries, variants, readings, sameShape, rank };
};

/** The first index in `readings` whose key is ≥ `key`. */
const lowerBound = (readings: Loaded["readings"], key: string): number => {
  let lo = 0;
  let hi = readings.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (readings[mid]![0] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

/**
 * The counter's kanji dictionary from the committed index (52,605 characters IPAmj明朝 prints; Unihan readings,
 * variants and radical-stroke index; KANJIDIC's old/new-form links and 名乗り). Read on the first search (about
 * 2 MB, a fraction of a second), then kept.
 */
export const createUnihanKanjiDictionary = (): KanjiDictionary => {
  let loaded: Loaded | null = null;
  const data = (): Loaded => (loaded ??= load());
  const entriesOf = (chars: Iterable<string>): KanjiEntry[] => [...chars].flatMap((c) => data().entries.get(c) ?? []);
  return {
    meta: { contract: KANJI_DICTIONARY_CONTRACT, name: "kanji-unihan", capabilities: new Set() },
    entry: (char) => data().entries.get(char) ?? null,
    byReading: (kana, limit) => {
      const key = readingKey(kana);
      if (key === "" || limit <= 0) return [];
      const { readings } = data();
      const exact = new Set<string>();
      const found = new Set<string>();
      for (let i = lowerBound(readings, key); i < readings.length && readings[i]![0].startsWith(key); i++) {
        const [k, c] = readings[i]!;
        if (k === key) exact.add(c);
        found.add(c);
      }
      const rankOf = (e: KanjiEntry) => data().rank.get(e.char) ?? 3;
      const order = (a: KanjiEntry, b: KanjiEntry) =>
        Number(exact.has(b.char)) - Number(exact.has(a.char)) || rankOf(a) - rankOf(b) || (a.strokes ?? 99) - (b.strokes ?? 99) || byCodePoint(a, b);
      return entriesOf(found).sort(order).slice(0, limit);
    },
    variants: (char) => entriesOf(data().variants.get(char) ?? []).sort(byCodePoint),
    sameRadicalStrokes: (char, limit) => {
      const e = data().entries.get(char);
      if (e === undefined || e.radical === null || limit <= 0) return [];
      return (data().sameShape.get(`${e.radical}.${e.residualStrokes}`) ?? []).filter((x) => x.char !== char).slice(0, limit);
    },
  };
};
