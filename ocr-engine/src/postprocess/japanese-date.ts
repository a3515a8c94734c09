import { KANJI_NUMERAL_CHARS, parseKanjiNumber } from "./kanji-numerals.ts";
import { normaliseText } from "./normalize-text.ts";

/** The eras a living person's or a certificate's date can be in, with their Gregorian bounds (inclusive). */
export interface Era {
  readonly name: string;
  /** Letter form used on cards and forms (S50.3.4). */
  readonly letter: string;
  /** Gregorian year of the era's first year (元年). */
  readonly firstYear: number;
  readonly start: string;
  /** Last day, or null for the current era. */
  readonly end: string | null;
}

/**
 * The eras. 明治 officially starts 1868-01-25 (明治元年 in the Gregorian calendar), but Japan adopted the
 * Gregorian calendar only on 明治6年1月1日 (1873-01-01): earlier 明治 dates are lunisolar and cannot be
 * converted day for day, so they are treated as invalid rather than converted wrongly.
 */
export const ERAS: readonly Era[] = [
  { name: "明治", letter: "M", firstYear: 1868, start: "1873-01-01", end: "1912-07-29" },
  { name: "大正", letter: "T", firstYear: 1912, start: "1912-07-30", end: "1926-12-24" },
  { name: "昭和", letter: "S", firstYear: 1926, start: "1926-12-25", end: "1989-01-07" },
  { name: "平成", letter: "H", firstYear: 1989, start: "1989-01-08", end: "2019-04-30" },
  { name: "令和", letter: "R", firstYear: 2019, start: "2019-05-01", end: null },
];

/** Which notations a date field accepts. */
export type DateNotation = "wareki" | "seireki" | "any";

/** A parsed date: ISO when it exists, or why not. */
export type DateParse =
  | {
      readonly kind: "ok";
      readonly iso: string;
      /** True when the text only parsed once its last character was taken for the 日 it stands in (see {@link parseJapaneseDate}). */
      readonly repaired?: boolean;
    }
  | { readonly kind: "unparseable" }
  | { readonly kind: "invalid"; readonly iso: string | null };

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** Whether y-m-d is a real Gregorian date. */
export const isRealDate = (y: number, m: number, d: number): boolean => {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return y >= 1 && y <= 9999 && d <= days;
};

/** ISO `YYYY-MM-DD` from parts (no validation). */
export const toIso = (y: number, m: number, d: number): string => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;

const NUM = `[0-9${KANJI_NUMERAL_CHARS}]+`;
const ERA_NAMES = ERAS.map((e) => e.name).join("|");
const ERA_LETTERS = ERAS.map((e) => e.letter).join("");
// 昭和五十年三月四日, 昭和50年3月4日生, 令和元年5月1日; spaces between parts are OCR noise and removed first.
const WAREKI_KANJI = new RegExp(`^(${ERA_NAMES})(元|${NUM})年(${NUM})月(${NUM})日(生|生まれ)?$`);
// S50.3.4, H1/1/8, R1-5-1, S50年3月4日
const WAREKI_LETTER = new RegExp(`^([${ERA_LETTERS}])(元|\\d{1,2})[./\\-年](\\d{1,2})[./\\-月](\\d{1,2})日?$`, "i");
const SEIREKI_KANJI = new RegExp(`^(${NUM})年(${NUM})月(${NUM})日(生|生まれ)?$`);
const SEIREKI_SEP = /^(\d{4})[./-](\d{1,2})[./-](\d{1,2})$/;

const num = (s: string): number | null => (s === "元" ? 1 : parseKanjiNumber(s));

const fromWareki = (eraKey: string, yearText: string, m: number | null, d: number | null): DateParse => {
  const era = ERAS.find((e) => e.name === eraKey || e.letter === eraKey.toUpperCase());
  const eraYear = num(yearText);
  if (era === undefined || eraYear === null || m === null || d === null) return { kind: "unparseable" };
  const y = era.firstYear + eraYear - 1;
  if (eraYear < 1 || !isRealDate(y, m, d)) return { kind: "invalid", iso: null };
  const iso = toIso(y, m, d);
  // 平成31年5月1日 names a day that belongs to 令和: the era and the day contradict each other.
  if (iso < era.start || (era.end !== null && iso > era.end)) return { kind: "invalid", iso };
  return { kind: "ok", iso };
};

const fromSeireki = (y: number | null, m: number | null, d: number | null): DateParse => {
  if (y === null || m === null || d === null) return { kind: "unparseable" };
  if (y < 1000) return { kind: "unparseable" }; // a year of fewer than four digits is a misread, not year 975
  if (!isRealDate(y, m, d)) return { kind: "invalid", iso: null };
  return { kind: "ok", iso: toIso(y, m, d) };
};

/**
 * Parses a Japanese date as printed or handwritten: 和暦 with era names or letters (元年, kanji numerals,
 * full-width digits) and/or 西暦 (1975年3月4日, 1975/3/4), depending on `notation`.
 */
export const parseJapaneseDate = (text: string, notation: DateNotation = "any"): DateParse => {
  const s = normaliseText(text).replace(/\s+/g, "");
  const direct = parseNormalised(s, notation);
  if (direct.kind !== "unparseable") return direct;
  // Look-alikes OCR puts in dates, where only one reading makes sense (午 for 年, 曰/目 for 日, O for 0,
  // l/I/i/| for 1 next to digits or separators: 11月 read 1i月 — its second 1 lost a stroke, not a digit). Tried only when the text as read does not parse, and the result is still
  // checked against the calendar and the era bounds.
  const fixed = s
    .replace(/午/g, "年")
    .replace(/[曰目]/g, "日")
    .replace(/(?<=[\d./\-年月])[Oo]|[Oo](?=[\d./\-年月日])/g, "0")
    .replace(/(?<=[\d./\-年月])[lIi|]|[lIi|](?=[\d./\-年月日])/g, "1");
  const looked = fixed === s ? direct : parseNormalised(fixed, notation);
  if (looked.kind !== "unparseable") return looked;
  // Specks beside the date read as punctuation (`令和2年6月9日 |`, `・1992年…`): no date begins or ends with one.
  const trimmed = fixed.replace(STRAY_EDGES, "");
  if (trimmed !== fixed) {
    const clean = parseNormalised(trimmed, notation);
    if (clean.kind !== "unparseable") return clean;
  }
  // The last character of a date is 日. Misread at the end of the line (26妖, 14晶, 7H) or lost, it is the
  // one thing the grammar can restore; the day's digits before it may be misread too, so the caller flags it.
  const day = LAST_DAY.exec(trimmed);
  if (day === null) return looked;
  const repaired = parseNormalised(`${day[1]}日`, notation);
  if (repaired.kind === "unparseable") return looked;
  return repaired.kind === "ok" ? { ...repaired, repaired: true } : repaired;
};

const STRAY_EDGES = /^[・.,。、'"`:;_|\-?*」「]+|[・.,。、'"`:;_|\-?*」「]+$/g;
// …月<one or two digits> then one character that is neither a digit nor 日, or nothing at all.
const LAST_DAY = new RegExp(`^(.*月[0-9${KANJI_NUMERAL_CHARS}]{1,3})(?:[^0-9${KANJI_NUMERAL_CHARS}日])?$`);

const parseNormalised = (s: string, notation: DateNotation): DateParse => {
  if (notation !== "seireki") {
    const k = WAREKI_KANJI.exec(s);
    if (k) return fromWareki(k[1] as string, k[2] as string, num(k[3] as string), num(k[4] as string));
    const l = WAREKI_LETTER.exec(s);
    if (l) return fromWareki(l[1] as string, l[2] as string, num(l[3] as string), num(l[4] as string));
  }
  if (notation !== "wareki") {
    const k = SEIREKI_KANJI.exec(s);
    if (k) return fromSeireki(num(k[1] as string), num(k[2] as string), num(k[3] as string));
    const p = SEIREKI_SEP.exec(s);
    if (p) return fromSeireki(Number(p[1]), Number(p[2]), Number(p[3]));
    if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return fromSeireki(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8)));
  }
  return { kind: "unparseable" };
};

/** The 和暦 form of an ISO date (昭和50年3月4日, 令和元年5月1日), or null outside the supported eras. */
export const toWareki = (iso: string, options: { readonly letters?: boolean } = {}): string | null => {
  const era = ERAS.find((e) => iso >= e.start && (e.end === null || iso <= e.end));
  if (era === undefined) return null;
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const eraYear = y - era.firstYear + 1;
  if (options.letters === true) return `${era.letter}${eraYear}.${m}.${d}`;
  return `${era.name}${eraYear === 1 ? "元" : eraYear}年${m}月${d}日`;
};
