import type { FieldResult, ReviewReason } from "../result/field-result.ts";
import { mergeReasons } from "../result/field-result.ts";
import type { Region, TemplateField } from "../templates/template.ts";
import { canonicalAddress, hasMalformedKanjiCount, repairBlockNumbers, restoreKanjiCounts } from "./address.ts";
import { isWellFormedAddressTail } from "./address-grammar.ts";
import { CHECK_DIGIT_VERIFIERS } from "./check-digits.ts";
import { closestValue, editDistance } from "./closest-value.ts";
import { type DateNotation, parseJapaneseDate } from "./japanese-date.ts";
import { dropScriptTwins, dropSizeTwins, isKana, normaliseKana } from "./kana.ts";
import { normaliseName } from "./name.ts";
import { readingConsensus } from "./reading-consensus.ts";
import { DOTTED_HA_KANA, dropDotsBesideRing, hasRingWhereDots, readingsFillRings, stutterResolutions } from "./reading-stutter.ts";
import { dropSpacesBetweenJapanese, dropStrayEdgePunctuation, normaliseAllDashes, normaliseText, toHalfWidthAscii } from "./normalize-text.ts";
import { isRomanName, normaliseRomanName } from "./roman-name.ts";
import { mendLegacyLookalikes, spliceLegacyBlockNumbers } from "./legacy-block-numbers.ts";
import { correctPlaceNames, matchVocabulary, type Vocabularies } from "./vocabularies.ts";

/** What a type's normaliser makes of the raw text: a value (null when none can be trusted) and flags. */
interface Normalised {
  readonly value: string | null;
  readonly reasons: readonly ReviewReason[];
}

const ok = (value: string): Normalised => ({ value: value === "" ? null : value, reasons: [] });

/**
 * Digits as OCR returns them inside a number field: full-width folded; spaces, stray rule lines (`|`) and
 * underscores dropped (they are the form's cell borders); dash variants and ー as `-`; the letters O/o
 * read for 0 and I/l read for 1 replaced. A wrong digit is not guessed: the pattern and check digit catch it.
 */
export const normaliseNumber = (raw: string): string =>
  normaliseAllDashes(toHalfWidthAscii(raw))
    .replace(/[\s|｜_]/g, "")
    .replace(/[Oo]/g, "0")
    .replace(/[Il]/g, "1");

/** Letters and digits of a code (在留カード番号 …): full-width folded, upper case, no spaces, rule lines or underscores. */
export const normaliseCode = (raw: string): string =>
  normaliseAllDashes(toHalfWidthAscii(raw)).replace(/[\s|｜_]/g, "").toUpperCase();

// Look-alikes between letters and digits in a code's fixed positions (in 明朝 and OCR-B alike), each one way only.
const LETTER_FOR_DIGIT: Readonly<Record<string, string>> = { "0": "O", "1": "I", "2": "Z", "5": "S", "6": "G", "8": "B" };
const DIGIT_FOR_LETTER: Readonly<Record<string, string>> = { O: "0", D: "0", Q: "0", I: "1", L: "1", Z: "2", S: "5", G: "6", B: "8", T: "7" };
/** At most this many look-alike characters are tried (2^n spellings): a code is a dozen characters. */
const MAX_LOOKALIKES = 14;

/**
 * A code that does not match its pattern (在留カード番号 `^[A-Z]{2}\d{8}[A-Z]{2}$`) spelt with letter/digit
 * look-alikes swapped (O↔0, I↔1, S↔5, B↔8 …) so that it does: the spelling with the fewest swaps, when exactly
 * one has that few; else null (the caller flags the field as it is). Only characters in the wrong class for the
 * pattern move, since a swap is tried only where the unswapped code fails.
 */
export const mapCodeLookalikes = (value: string, pattern: string): string | null => {
  let re: RegExp;
  try {
    re = new RegExp(pattern, "u");
  } catch {
    return null;
  }
  if (re.test(value)) return value;
  const chars = [...value];
  const swappable = chars.flatMap((c, i) => (LETTER_FOR_DIGIT[c] ?? DIGIT_FOR_LETTER[c]) === undefined ? [] : [i]);
  if (swappable.length === 0 || swappable.length > MAX_LOOKALIKES) return null;
  let best: string[] = [];
  let fewest = Number.POSITIVE_INFINITY;
  for (let mask = 1; mask < 1 << swappable.length; mask++) {
    let swaps = 0;
    const spelt = [...chars];
    swappable.forEach((i, bit) => {
      if ((mask >> bit) & 1) {
        spelt[i] = LETTER_FOR_DIGIT[chars[i]!] ?? DIGIT_FOR_LETTER[chars[i]!]!;
        swaps++;
      }
    });
    if (swaps > fewest || !re.test(spelt.join(""))) continue;
    if (swaps < fewest) best = [];
    fewest = swaps;
    best.push(spelt.join(""));
  }
  return best.length === 1 ? best[0]! : null;
};

const checkDigit = (field: TemplateField, value: string): readonly ReviewReason[] => {
  const name = field.post.checkDigit;
  if (name === undefined) return [];
  const verify = CHECK_DIGIT_VERIFIERS[name];
  // An unknown check-digit name is a template the schema should have rejected; never pass it silently.
  if (verify === undefined) return ["check_digit_failed"];
  return verify(value.replace(/-/g, "")) ? [] : ["check_digit_failed"];
};

const date = (field: TemplateField, raw: string, notation: DateNotation): Normalised => {
  const parsed = parseJapaneseDate(raw, notation);
  if (parsed.kind === "unparseable") return { value: null, reasons: ["pattern_mismatch"] };
  if (parsed.kind === "invalid") return { value: null, reasons: ["invalid_date"] };
  const { minDate, maxDate } = field.post;
  const outside = (minDate !== undefined && parsed.iso < minDate) || (maxDate !== undefined && parsed.iso > maxDate);
  return { value: parsed.iso, reasons: [...(parsed.repaired === true ? (["text_repaired"] as const) : []), ...(outside ? (["date_out_of_range"] as const) : [])] };
};

const enumText = (text: string): string => normaliseText(text).replace(/[\s\p{P}\p{S}]/gu, "");

/** Reads one text against its type (and the deployment's vocabularies); `byType` with them bound. */
type ReadAs = (raw: string) => Normalised;

/** A text field that names a vocabulary the deployment gave: its listed spelling, or flagged (the text kept). */
const textInVocabulary = (text: string, name: string | undefined, vocabularies: Vocabularies): Normalised => {
  const match = text === "" || name === undefined ? null : matchVocabulary(text, name, vocabularies);
  if (match === null || match.kind === "exact") return ok(text);
  return match.kind === "corrected" ? { value: match.value, reasons: ["enum_corrected"] } : { value: text, reasons: ["unknown_enum_value"] };
};

const byType = (field: TemplateField, raw: string, vocabularies: Vocabularies): Normalised => {
  switch (field.type) {
    case "text":
      return textInVocabulary(dropSpacesBetweenJapanese(dropStrayEdgePunctuation(normaliseText(raw))), field.post.vocabulary, vocabularies);
    case "name":
      return ok(normaliseName(raw));
    case "kana": {
      const twinless = dropScriptTwins(raw);
      const read = normaliseKana(twinless);
      const value = dropSizeTwins(read);
      if (value !== "" && !isKana(value)) return { value, reasons: ["not_kana"] };
      // A reading has at most one gap (family | given name); tesseract splits kana into several words, and
      // which gap is the real one cannot be told from the text: a person decides (never silently wrong).
      const gaps = (value.match(/[ \u3000]+/g) ?? []).length > 1 ? (["spacing_uncertain"] as const) : [];
      const twin = twinless === raw && value === read ? [] : (["text_repaired"] as const);
      return { value: value === "" ? null : value, reasons: [...twin, ...gaps] };
    }
    case "roman-name": {
      const value = normaliseRomanName(raw);
      return value === "" || isRomanName(value) ? ok(value) : { value, reasons: ["pattern_mismatch"] };
    }
    case "date-wareki":
      return date(field, raw, "wareki");
    case "date-seireki":
      return date(field, raw, "seireki");
    case "date":
      return date(field, raw, "any");
    case "address": {
      const text = dropStrayEdgePunctuation(normaliseText(raw));
      const tens = restoreKanjiCounts(text);
      const canonical = canonicalAddress(tens);
      if (canonical === "") return ok(canonical);
      const blocks = repairBlockNumbers(canonical);
      const places = vocabularies.placeNames === undefined ? null : correctPlaceNames(blocks, vocabularies.placeNames);
      const value = places?.value ?? blocks;
      const reasons = [
        ...(blocks === canonical && tens === text ? [] : (["text_repaired"] as const)),
        ...(places?.corrected === true ? (["place_name_corrected"] as const) : []),
        ...(places?.known === false ? (["place_name_unknown"] as const) : []),
        ...(isWellFormedAddressTail(value) && !hasMalformedKanjiCount(tens) ? [] : (["pattern_mismatch"] as const)),
      ];
      return { value, reasons };
    }
    case "number": {
      const value = normaliseNumber(raw);
      if (value === "") return ok(value);
      const shape = field.post.pattern !== undefined || /^[\d-]+$/.test(value) ? [] : (["pattern_mismatch"] as const);
      return { value, reasons: [...shape, ...checkDigit(field, value)] };
    }
    case "code": {
      const read = normaliseCode(raw);
      if (read === "") return ok(read);
      // A letter read as a digit (or a digit as a letter) where the pattern allows only the other: swapped back, flagged.
      const mapped = field.post.pattern === undefined ? null : mapCodeLookalikes(read, field.post.pattern);
      const value = mapped ?? read;
      return { value, reasons: [...(value === read ? [] : (["text_repaired"] as const)), ...checkDigit(field, value)] };
    }
    case "enum": {
      // Spaces and marks are noise around a listed word (女 」, 男_, 子 .): the values hold none.
      const text = enumText(raw);
      if (text === "") return ok(text);
      // Matched without marks, answered as listed: 技術人文知識国際業務 read → 技術・人文知識・国際業務.
      const listed = field.post.values ?? [];
      const keys = listed.map(enumText);
      const match = closestValue(text, keys);
      const asListed = (key: string): string => listed[keys.indexOf(key)] ?? key;
      if (match.kind === "exact") return ok(asListed(match.value));
      if (match.kind === "corrected") return { value: asListed(match.value), reasons: ["enum_corrected"] };
      return { value: null, reasons: ["unknown_enum_value"] };
    }
  }
};

/**
 * Reasons that only say the reading was mended to fit (a 丁 restored, a place name spelt as the dictionary
 * has it, an enum value taken as the closest): the value is usable, a person confirms it. Any other reason
 * of a type's normaliser rejects the reading as it is (a malformed address, no such date, off-list).
 */
const MENDED: ReadonlySet<ReviewReason> = new Set(["text_repaired", "place_name_corrected", "enum_corrected"]);

/** 2: accepted as it is; 1: accepted once mended; 0: rejected (or no value). */
const standing = (n: Normalised): number => (n.value === null ? 0 : n.reasons.length === 0 ? 2 : n.reasons.every((r) => MENDED.has(r)) ? 1 : 0);

/**
 * The value of a field read more than once. The readings that stand best win — a first reading that the type
 * rejects (an enum read off-list: 妻 as 安; an address whose block numbers do not parse: 204木号室; a date that is
 * no date) or accepts only once mended gives way to a reading accepted as it is, or mended where the first is
 * rejected (1日4番14喘 beside 1本日4番14号) — and among those the value most readings gave. A value other than
 * the first's comes with `readings_disagree`: the readings did not agree, a person confirms. With three readings
 * (the engine takes a third when the first two differ) two that agree outvote a third that misread a digit or
 * added a stray mark (二十一 read 二一 at one scale, 二十一 at two).
 *
 * - A reading with a voiced/unvoiced stutter (みほぼん, コーボポ: see {@link stutterResolutions}) votes for each other
 *   reading that has one of the two kana there (みほん), and is no candidate itself: it is such a reading with the
 *   glyph's other alternative added, and says only that the glyph is one of the two (サンプブル backs サンブル and
 *   サンプル alike, so two readings of サンプル still outvote one of サンブル).
 * - When no two readings agree, the value closest to all the readings (the least total edit distance: their
 *   medoid) wins, then the first's: misreadings are independent, so the reading that shares most with the others
 *   is the likeliest (中央ご丁目398番地, 中央十卓…, 中央ここ日…, 中央2丁目… → 中央2丁目398番地). A tie between
 *   readings that do agree keeps the first's.
 * - When no two readings agree, the character-level vote of all of them (`vote`, asked for only then; see {@link readingConsensus})
 *   wins if it stands as well as the best reading without a repair of its own: the readings' misreads are mostly
 *   of different characters (8月30日, 3月380日, 3月30日, 3月80日 → 3月30日). A vote that needs a guessing repair to
 *   parse (中央十目: 丁 restored) is a patchwork of misreads, not evidence.
 */
const chooseReading = (read: ReadAs, first: Normalised, othersRaw: readonly string[], vote: () => Normalised | null): Normalised => {
  if (othersRaw.length === 0) return first;
  const all = [first, ...othersRaw.map(read)];
  // The readings a reading defers to: those that resolve its stutter, and those with a ring where it has dots.
  const defersTo = (m: Normalised): readonly string[] => {
    if (m.value === null) return [];
    const stutters = stutterResolutions(m.value);
    return all.flatMap((k) => (k.value !== null && (stutters.includes(k.value) || hasRingWhereDots(m.value!, k.value)) ? [k.value] : []));
  };
  // A reading that defers to others is no candidate; it votes for each of them.
  const candidates = all.filter((n) => defersTo(n).length === 0);
  const best = Math.max(...candidates.map(standing));
  const votes = (n: Normalised): number => all.filter((m) => m.value === n.value || (n.value !== null && defersTo(m).includes(n.value))).length;
  const spread = (n: Normalised): number => all.reduce((sum, m) => sum + editDistance(n.value ?? "", m.value ?? ""), 0);
  // Two readings that agree are evidence; closeness is only for when there is none (耳目 twice beside 7丁目 twice:
  // the medoid would be the short misread, so a tie of agreeing pairs keeps the first's).
  const agreed = candidates.some((n) => n.value !== null && votes(n) > 1);
  let chosen = candidates[0]!;
  for (const n of candidates) {
    if (standing(n) !== best) continue;
    if (standing(chosen) < best || votes(n) > votes(chosen) || (!agreed && votes(n) === votes(chosen) && spread(n) < spread(chosen))) chosen = n;
  }
  // No two readings agree: the character-level vote of all of them, when it stands as well as the best reading.
  // Only asked for then: aligning every reading is the costliest step of post-processing.
  const consensus = agreed ? null : vote();
  const voteStands = consensus !== null && consensus.value !== null && standing(consensus) === best && !consensus.reasons.includes("text_repaired");
  if (voteStands && defersTo(consensus).length === 0) chosen = consensus;
  return chosen === first ? first : { value: chosen.value, reasons: [...chosen.reasons.filter((r) => r !== "readings_disagree"), "readings_disagree"] };
};

/**
 * Types whose readings are put to a character-level vote ({@link readingConsensus}). Not names and furigana, whose
 * one space (family | given name) the vote's squashed texts would lose, nor enums, confirmed by a list.
 */
const CONSENSUS_TYPES: ReadonlySet<TemplateField["type"]> = new Set(["text", "address", "date", "date-wareki", "date-seireki", "number", "code"]);

/** A reading as the vote compares it: normalised, without the spaces tesseract puts between Japanese words. */
const votingText = (raw: string): string => dropSpacesBetweenJapanese(normaliseText(raw).trim());

const RING_KANA = /[ぱぴぷぺぽパピプペポ]/u;

/**
 * Whether the readings of one crop differ somewhere by dots against a ring ({@link readingsFillRings}), spaces aside.
 * Asked for every crop of a page: readings without a ring anywhere are not aligned.
 */
export const cropFillsRings = (raws: readonly string[]): boolean =>
  raws.length > 1 && raws.some((r) => RING_KANA.test(r)) && readingsFillRings(raws.map(votingText));

/** The readings' character-level consensus read as the field's type; null for fewer than three readings. */
const consensusOf = (read: ReadAs, raws: readonly string[]): Normalised | null => {
  const text = readingConsensus(raws.map(votingText));
  return text === null ? null : read(text);
};

/**
 * Whether a value holds a は-row kana with dots beyond the place names the dictionary spelt, read from a crop whose
 * readings elsewhere took a ring for dots ({@link readingsFillRings}): every reading may have filled this ring too
 * (さんぶる荘 for さんぷる荘, all readings agreeing, while one read さんぶる村 for the dictionary's さんぷる村).
 */
const dotsInDoubt = (field: TemplateField, value: string | null, raws: readonly string[], vocabularies: Vocabularies, pageFillsRings: boolean): boolean => {
  const onPage = pageFillsRings && (field.type === "address" || field.type === "text");
  if (value === null || (raws.length < 2 && !onPage) || !DOTTED_HA_KANA.test(value)) return false;
  const spelt = field.type === "address" && vocabularies.placeNames !== undefined ? correctPlaceNames(value, vocabularies.placeNames).placeLength : 0;
  return DOTTED_HA_KANA.test([...value].slice(spelt).join("")) && (onPage || cropFillsRings(raws));
};

/**
 * A chosen value that still holds a は-row stutter (no other reading resolved it: コーボポ read once) is never
 * passed as read: dots beside a ring lose the dots, `text_repaired` ({@link dropDotsBesideRing}); any other stutter
 * (みほぼん) stays and is `weak_character` — the recogniser gave two alternatives for one glyph. Words with such a
 * pair (ほぼ) are only flagged for a person to confirm.
 */
const settleStutter = (n: Normalised): Normalised => {
  if (n.value === null || stutterResolutions(n.value).length === 0) return n;
  const repaired = dropDotsBesideRing(n.value);
  if (repaired !== null) return { value: repaired, reasons: mergeReasons([...n.reasons, "text_repaired"]) };
  return { value: n.value, reasons: mergeReasons([...n.reasons, "weak_character"]) };
};

const clampConfidence = (c: number): number => (Number.isFinite(c) ? Math.min(100, Math.max(0, c)) : 0);

/**
 * Whether a listed enum value was read the same by both readings (another scale, as a line): two
 * independent readings agreeing on one word of a closed list confirm it, however unsure tesseract is of a
 * lone kanji. Then the higher confidence counts, and the field is not flagged `low_confidence`: tesseract's
 * confidence in a lone kanji says nothing (男 read right at 0, 女 at 8; bench-ocr seeds 1–3, 480 fields: 33
 * right values flagged for it, while no enum was misread the same way by both readings).
 */
const confirmedEnum = (field: TemplateField, read: ReadAs, first: Normalised, evidence: ReadingEvidence): boolean =>
  field.type === "enum" &&
  first.value !== null &&
  first.reasons.length === 0 &&
  evidence.secondRaw !== undefined &&
  evidence.secondConfidence !== undefined &&
  read(evidence.secondRaw).value === first.value;

/** Whether the value matches the template's pattern; a pattern that does not compile never passes. */
const matches = (pattern: string, value: string): boolean => {
  try {
    return new RegExp(pattern).test(value);
  } catch {
    return false;
  }
};

const DATE_TYPES = new Set(["date", "date-wareki", "date-seireki"]);

/**
 * Whether a raw reading fits its field as it is: its type accepts it without mending or flags (no vocabularies:
 * the engine has none) and it matches the template's pattern. The engine reads a crop again, at other scales,
 * when a reading does not fit (a residence card number read with 13 characters), and the readings then vote.
 */
export const readingFits = (field: TemplateField, raw: string): boolean => standing(readAs(field, {})(raw)) === 2;

/** A type's normaliser with the template's pattern checked on the value (not for dates, whose value is ISO). */
const readAs =
  (field: TemplateField, vocabularies: Vocabularies): ReadAs =>
  (raw) => {
    const n = byType(field, raw, vocabularies);
    const pattern = field.post.pattern;
    if (n.value === null || pattern === undefined || DATE_TYPES.has(field.type) || matches(pattern, n.value)) return n;
    return { value: n.value, reasons: [...n.reasons, "pattern_mismatch"] };
  };

/**
 * Whether the value holds a character the template's whitelist does not allow. The value is checked
 * (hiragana read for a katakana whitelist is fine once converted), except for dates, whose value is ISO:
 * there the recognised text is checked.
 */
const outsideWhitelist = (field: TemplateField, raw: string, value: string | null): boolean => {
  const whitelist = field.hints.whitelist;
  if (whitelist === undefined) return false;
  const allowed = new Set(normaliseText(whitelist));
  const subject = DATE_TYPES.has(field.type) ? normaliseText(raw) : (value ?? "");
  return [...subject.replace(/\s+/g, "")].some((c) => !allowed.has(c));
};

/** What else the recogniser said about a crop, besides its text and mean confidence. */
export interface ReadingEvidence {
  /** The lowest confidence of any recognised character (0..100). */
  readonly weakestSymbol?: number;
  /** The text of a second, independent reading of the same crop. */
  readonly secondRaw?: string;
  /** The second reading's confidence (0..100): an enum value both readings agree on counts the higher one. */
  readonly secondConfidence?: number;
  /** Further readings (other scales), taken when the first two disagree or a reading does not fit its type: they vote. */
  readonly moreRaw?: readonly string[];
  /** A character below this confidence flags the field `weak_character`; default {@link DEFAULT_WEAK_SYMBOL_CONFIDENCE}. */
  readonly weakSymbolConfidence?: number;
  /**
   * Whether the readings of some crop of the same page differed by dots against a ring ({@link readingsFillRings}):
   * the page's binarisation fills rings, so dots in an address or text of any crop of it may be a filled ring.
   */
  readonly pageFillsRings?: boolean;
  /** How high the text is in the scan's own pixels (the engine's `textHeight`): an address below `minTextHeight` is `text_too_small`. */
  readonly textHeight?: number;
  /** Default {@link DEFAULT_MIN_TEXT_HEIGHT}. */
  readonly minTextHeight?: number;
  /** The legacy recogniser's reading of a small address line: it may lend its block numbers ({@link withLegacyBlockNumbers}). */
  readonly legacyRaw?: string;
}

/**
 * An address whose chosen reading has broken block numbers, with the legacy recogniser's instead where they are
 * anchored (see `spliceLegacyBlockNumbers`), flagged `text_repaired` (the value is a combination of two readings).
 * Needs the place-name dictionary: the splice keeps the chosen reading's place names, which must be known.
 */
const withLegacyBlockNumbers = (read: ReadAs, chosen: Normalised, readings: readonly Normalised[], legacyRaw: string, vocabularies: Vocabularies): Normalised => {
  if (chosen.value === null || vocabularies.placeNames === undefined) return chosen;
  const places = correctPlaceNames(chosen.value, vocabularies.placeNames);
  if (!places.known) return chosen;
  const legacy = read(mendLegacyLookalikes(legacyRaw)).value;
  if (legacy === null) return chosen;
  // The line model's readings disagreed and the legacy reading agrees with one the vote passed over: two readings
  // agree on it (日向8丁目23番4号 read 20番 and 23番 by the line model, 二十三番 by the legacy one).
  const seconded = readings.find((r) => r.value === legacy && r.value !== chosen.value);
  if (chosen.reasons.includes("readings_disagree") && seconded !== undefined) {
    return { value: legacy, reasons: [...seconded.reasons.filter((r) => r !== "readings_disagree"), "readings_disagree"] };
  }
  const legacyPlaces = correctPlaceNames(legacy, vocabularies.placeNames);
  const isWellFormed = (address: string): boolean => {
    const again = read(address);
    return again.value === address && !again.reasons.includes("pattern_mismatch");
  };
  const spliced = spliceLegacyBlockNumbers(
    { value: places.value, placeLength: places.placeLength, wellFormed: !chosen.reasons.includes("pattern_mismatch") },
    { value: legacyPlaces.value, placeLength: legacyPlaces.known ? legacyPlaces.placeLength : 0 },
    isWellFormed,
  );
  return spliced === null ? chosen : { value: spliced, reasons: [...chosen.reasons.filter((r) => r !== "pattern_mismatch" && r !== "text_repaired"), "text_repaired"] };
};

/** Default confidence below which one character flags its field (`weak_character`); measured in bench-ocr. */
export const DEFAULT_WEAK_SYMBOL_CONFIDENCE = 50;

/**
 * Default height in scan pixels below which an address is `text_too_small`. Measured on 120 card pages (在留カード,
 * 特別永住者証明書 at 200–600 dpi, 運転免許証 at 200 and 300 dpi; seeds 720000–720009) and the A4 pages of bench seed 96:
 * addresses under 22 px were misread 20 times in 41, from 22 to 26 px 2 in 25, above 26 px 1 in about 100. Such a
 * line has no closed list or check digit to catch a misread, and rescanning at a higher resolution reads it.
 */
export const DEFAULT_MIN_TEXT_HEIGHT = 22;

/** Types whose text height is checked: those with no closed list or check to catch a misread of small text. */
const TEXT_HEIGHT_TYPES: ReadonlySet<TemplateField["type"]> = new Set(["address"]);

/**
 * Turns one recognised field into a result: normalised by `field.type`, checked against the template's
 * pattern, check digit, date bounds, allowed values and whitelist, and flagged for review with every
 * reason that applies. Pure: the same input always gives the same result.
 *
 * - Names are always flagged (`name_always_confirmed`); other fields with `review.always` get `always_review`.
 * - `low_confidence` applies when there is text and the confidence is below `review.minConfidence`
 *   (an empty optional cell has confidence 0 and nothing to confirm). An enum value both readings agree on
 *   is confirmed: never `low_confidence`, and the higher of their confidences is the field's.
 * - `readings_disagree` when a second reading normalises to another value; `weak_character` when one
 *   character is below `evidence.weakSymbolConfidence`.
 * - An empty required field is `required_missing`; text that normalises to nothing is `unreadable`.
 * - The pattern (when given) is matched against the normalised value, except for dates, whose value is ISO.
 *
 * `region` defaults to the field's; pass the row's region for repeated rows. `vocabularies` (the deployment's
 * place names and named lists) correct addresses and text fields that name a list, each correction flagged.
 */
export const postProcess = (
  field: TemplateField,
  raw: string,
  confidence: number,
  region: Region = field.region,
  evidence: ReadingEvidence = {},
  vocabularies: Vocabularies = {},
): FieldResult => {
  const hasText = raw.replace(/[\s\u3000]+/g, "") !== "";
  const read = readAs(field, vocabularies);
  const first = read(raw);
  const others = [...(evidence.secondRaw === undefined ? [] : [evidence.secondRaw]), ...(evidence.moreRaw ?? [])];
  const chosen = chooseReading(read, first, others, () => (CONSENSUS_TYPES.has(field.type) ? consensusOf(read, [raw, ...others]) : null));
  const settled = settleStutter(chosen);
  const normalised =
    field.type === "address" && evidence.legacyRaw !== undefined ? withLegacyBlockNumbers(read, settled, [first, ...others.map(read)], evidence.legacyRaw, vocabularies) : settled;
  const reasons: ReviewReason[] = [...normalised.reasons];
  const { value } = normalised;
  const confirmed = confirmedEnum(field, read, first, evidence);
  const conf = clampConfidence(confirmed ? Math.max(confidence, evidence.secondConfidence ?? 0) : confidence);

  if (value === null && normalised.reasons.length === 0) {
    if (field.required) reasons.push("required_missing");
    if (hasText) reasons.push("unreadable");
  }
  if (hasText && outsideWhitelist(field, raw, value)) reasons.push("pattern_mismatch");
  if (hasText && conf < field.review.minConfidence && !confirmed) reasons.push("low_confidence");
  if (hasText && evidence.weakestSymbol !== undefined && evidence.weakestSymbol < (evidence.weakSymbolConfidence ?? DEFAULT_WEAK_SYMBOL_CONFIDENCE)) {
    reasons.push("weak_character");
  }
  if (hasText && TEXT_HEIGHT_TYPES.has(field.type) && evidence.textHeight !== undefined && evidence.textHeight < (evidence.minTextHeight ?? DEFAULT_MIN_TEXT_HEIGHT)) {
    reasons.push("text_too_small");
  }
  if (field.type !== "name" && dotsInDoubt(field, value, [raw, ...others], vocabularies, evidence.pageFillsRings === true)) reasons.push("weak_character");
  // Two readings at different scales rarely make the same mistake: when their values differ, one is wrong.
  if (others.some((o) => (hasText || o.trim() !== "") && read(o).value !== value)) reasons.push("readings_disagree");
  if (field.type === "name" && hasText) reasons.push("name_always_confirmed");
  else if (field.review.always && hasText) reasons.push("always_review");
  // A required field whose value was rejected (invalid date, unknown enum) is still missing for the form.
  if (value === null && field.required && !reasons.includes("required_missing")) reasons.push("required_missing");

  const merged = mergeReasons(reasons);
  return { key: field.key, value, raw, confidence: conf, region, needsReview: merged.length > 0, reasons: merged };
};
