/**
 * Closed lists a deployment gives the post-processing: the place names addresses start with (都道府県 →
 * 市区町村 → 町域, e.g. from 総務省's 全国地方公共団体コード and the アドレス・ベース・レジストリ), and named
 * lists that a template field refers to in `post.vocabulary` (the 国籍・地域 printed on residence cards).
 * Commercial counter OCR corrects against such dictionaries (住所辞書補正); here every correction is flagged,
 * so a person confirms it: a dictionary never makes a value pass unseen.
 */
import { closestValue, editDistance } from "./closest-value.ts";

/** One 市区町村 and, optionally, its 町域 (towns, 大字): without them the town is not corrected. */
export interface Municipality {
  readonly name: string;
  readonly towns?: readonly string[];
}

/** One 都道府県 and its 市区町村. */
export interface Prefecture {
  readonly name: string;
  readonly municipalities: readonly Municipality[];
}

/** The place names addresses start with. */
export interface PlaceNameDictionary {
  readonly prefectures: readonly Prefecture[];
}

/** What {@link OcrEngineOptions}-level post-processing may correct against; every part is optional. */
export interface Vocabularies {
  readonly placeNames?: PlaceNameDictionary;
  /** Named closed lists (e.g. `nationality`), referred to by a template field's `post.vocabulary`. */
  readonly lists?: { readonly [name: string]: readonly string[] };
}

/** How far a prefix may be from a name to be taken for it: one character in up to five, at least one. */
const allowedDistance = (name: string): number => Math.max(1, Math.floor([...name].length / 5));

/**
 * ヶ and ヵ are written for ケ and カ in place names as the municipality pleases (緑ヶ丘 and 緑ケ丘 are one town, 霞ヶ関
 * and 霞ケ関 one place): they count as the same character when a reading is compared with a name.
 */
const foldSmallKana = (text: string): string => text.replace(/ヶ/g, "ケ").replace(/ヵ/g, "カ");

interface PrefixMatch<T> {
  readonly entry: T;
  /** Code points of the text the name stands for. */
  readonly length: number;
  readonly distance: number;
}

/**
 * The entry whose name the text starts with, allowing a misread character: the text's prefix of the name's
 * length (or one shorter or longer: a character dropped or split in two) closest to a name. Only a single
 * best entry within {@link allowedDistance} is taken: two equally close names (本町 and 栄町 from 未町) are
 * a guess, and a guess is no correction.
 */
const matchPrefix = <T extends { readonly name: string }>(chars: readonly string[], entries: readonly T[]): PrefixMatch<T> | null => {
  let best: PrefixMatch<T> | null = null;
  let tied = false;
  for (const entry of entries) {
    const n = [...entry.name].length;
    let own: PrefixMatch<T> | null = null;
    // The name's own length first, so that an exact or same-length reading wins a tie with a shifted cut.
    for (const length of [n, n - 1, n + 1]) {
      if (length < 1 || length > chars.length) continue;
      const distance = editDistance(foldSmallKana(chars.slice(0, length).join("")), foldSmallKana(entry.name));
      if (own === null || distance < own.distance) own = { entry, length, distance };
    }
    if (own === null || own.distance > allowedDistance(entry.name)) continue;
    if (best === null || own.distance < best.distance) {
      best = own;
      tied = false;
      // The same name twice (a 市 of that name in two prefectures, for an address without its prefecture) is no tie.
    } else if (own.distance === best.distance && own.entry.name !== best.entry.name) tied = true;
  }
  return best === null || tied ? null : best;
};

/** An address with its leading place names as the dictionary spells them, whether anything changed, and whether all were found. */
export interface PlaceNameCorrection {
  readonly value: string;
  readonly corrected: boolean;
  /**
   * Whether every level the dictionary knows for this address was found: a municipality (after its prefecture,
   * or alone), and a town when the municipality has a town list. An address the dictionary cannot place is
   * checked by a person (`place_name_unknown`), and a second reading it can place is preferred.
   */
  readonly known: boolean;
  /** How many characters at the start of `value` are place names as the dictionary spells them. */
  readonly placeLength: number;
}

/**
 * Corrects the 都道府県, 市区町村 and 町域 an address starts with to the dictionary's spelling (さんぶる県 →
 * さんぷる県), level by level: the municipality among the matched prefecture's (or among all, for an address
 * written without its prefecture), the town among the matched municipality's. A level that matches nothing
 * ends the correction there; the rest of the address is left as read.
 */
export const correctPlaceNames = (address: string, dictionary: PlaceNameDictionary): PlaceNameCorrection => {
  let chars = [...address];
  const out: string[] = [];
  const take = (m: PrefixMatch<{ readonly name: string }>) => {
    out.push(m.entry.name);
    chars = chars.slice(m.length);
  };
  const prefecture = matchPrefix(chars, dictionary.prefectures);
  if (prefecture !== null) take(prefecture);
  const municipalities = prefecture?.entry.municipalities ?? dictionary.prefectures.flatMap((p) => p.municipalities);
  const municipality = matchPrefix(chars, municipalities);
  let known = municipality !== null;
  if (municipality !== null) {
    take(municipality);
    const towns = municipality.entry.towns ?? [];
    const town = towns.length === 0 ? null : matchPrefix(chars, towns.map((name) => ({ name })));
    if (town !== null) take(town);
    known = towns.length === 0 || town !== null;
  }
  const places = out.join("");
  const value = places + chars.join("");
  return { value, corrected: value !== address, known, placeLength: [...places].length };
};

/** A text field's value against its named list: as listed, corrected to the single closest entry, or unknown. */
export type VocabularyMatch = ReturnType<typeof closestValue>;

/** Matches `text` against the list `name` of `vocabularies`; null when the deployment gave no such list. */
export const matchVocabulary = (text: string, name: string, vocabularies: Vocabularies): VocabularyMatch | null => {
  const list = vocabularies.lists?.[name];
  return list === undefined ? null : closestValue(text, list);
};
