import { err, ok, type Result } from "neverthrow";
import { ERAS, eraOf, type Era } from "./era.ts";
import { formatIsoDate, isRealDate, splitIsoDate, type IsoDate } from "./iso-date.ts";
import { toHalfWidthAscii } from "./width.ts";

/** Why a typed date could not be read. Carries no input (it may be a date of birth). */
export interface JapaneseDateError {
  readonly _tag: "JapaneseDateError";
  readonly reason:
    | "unrecognized" // not one of the accepted forms
    | "impossible_date" // e.g. 2月30日, 13月
    | "outside_era"; // e.g. 平成32年, 令和元年4月1日, or before 1873 (see ERAS)
}

/** A date written in the Japanese calendar: era, year of the era (1 = 元年), month, day. */
export interface WarekiDate {
  readonly era: Era;
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const fail = (reason: JapaneseDateError["reason"]): Result<never, JapaneseDateError> =>
  err({ _tag: "JapaneseDateError", reason });

const ERA_BY_TOKEN: ReadonlyMap<string, Era> = new Map(
  ERAS.flatMap((era) => [
    [era.kanji, era],
    [era.kanji.charAt(0), era], // 昭50.3.4 is common on handwritten forms
    [era.letter, era],
  ]),
);

const ERA_TOKEN = `(${ERAS.map((e) => `${e.kanji}|${e.kanji.charAt(0)}|${e.letter}`).join("|")})`;
/** 昭和50年3月4日, S50年3月4日, 平成元年1月8日. */
const ERA_KANJI_FORM = new RegExp(`^${ERA_TOKEN}(元|\\d{1,2})年(\\d{1,2})月(\\d{1,2})日$`);
/** S50.3.4, H1/1/8, R6-1-2, 平成1.1.8 (one separator kind per date). */
const ERA_SEPARATED_FORM = new RegExp(`^${ERA_TOKEN}(元|\\d{1,2})([./-])(\\d{1,2})\\3(\\d{1,2})$`);
const GREGORIAN_SEPARATED_FORM = /^(\d{4})([./-])(\d{1,2})\2(\d{1,2})$/;
const GREGORIAN_KANJI_FORM = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;
const GREGORIAN_COMPACT_FORM = /^(\d{4})(\d{2})(\d{2})$/;

const gregorian = (year: number, month: number, day: number): Result<IsoDate, JapaneseDateError> =>
  isRealDate(year, month, day) ? ok(formatIsoDate(year, month, day)) : fail("impossible_date");

/**
 * Converts an era date to ISO, rejecting impossible dates and dates outside the era
 * (平成31年4月30日 is the last 平成 date; 平成31年5月1日 and 平成32年 are rejected).
 */
export const warekiToIso = (date: WarekiDate): Result<IsoDate, JapaneseDateError> => {
  if (!Number.isInteger(date.year) || date.year < 1) return fail("outside_era");
  const year = date.era.firstYear + date.year - 1;
  if (!isRealDate(year, date.month, date.day)) return fail("impossible_date");
  const iso = formatIsoDate(year, date.month, date.day);
  const { start, end } = date.era;
  return iso < start || (end !== null && iso > end) ? fail("outside_era") : ok(iso);
};

/**
 * Reads a date as residents type it: 和暦 (`昭和50年3月4日`, `平成元年1月8日`, `S50.3.4`, `H1/1/8`,
 * `R6-1-2`, `昭50.3.4`) or 西暦 (`1975-03-04`, `1975/3/4`, `1975.3.4`, `1975年3月4日`, `19750304`),
 * full- or half-width, with any spaces, era letters in either case. Returns the ISO date.
 */
export const parseJapaneseDate = (input: string): Result<IsoDate, JapaneseDateError> => {
  const s = toHalfWidthAscii(input).replace(/\s+/g, "").toUpperCase();
  const eraMatch = ERA_KANJI_FORM.exec(s);
  if (eraMatch !== null) return fromEraParts(eraMatch[1], eraMatch[2], eraMatch[3], eraMatch[4]);
  const separated = ERA_SEPARATED_FORM.exec(s);
  if (separated !== null) return fromEraParts(separated[1], separated[2], separated[4], separated[5]);
  const g = GREGORIAN_SEPARATED_FORM.exec(s);
  if (g !== null) return gregorian(Number(g[1]), Number(g[3]), Number(g[4]));
  const k = GREGORIAN_KANJI_FORM.exec(s) ?? GREGORIAN_COMPACT_FORM.exec(s);
  if (k !== null) return gregorian(Number(k[1]), Number(k[2]), Number(k[3]));
  return fail("unrecognized");
};

const fromEraParts = (
  token: string | undefined,
  year: string | undefined,
  month: string | undefined,
  day: string | undefined,
): Result<IsoDate, JapaneseDateError> => {
  const era = token === undefined ? undefined : ERA_BY_TOKEN.get(token);
  if (era === undefined || year === undefined || month === undefined || day === undefined) return fail("unrecognized");
  return warekiToIso({ era, year: year === "元" ? 1 : Number(year), month: Number(month), day: Number(day) });
};

/** Converts an ISO date to the Japanese calendar; `outside_era` before 1873-01-01 (see ERAS). */
export const isoToWareki = (iso: IsoDate): Result<WarekiDate, JapaneseDateError> => {
  const parts = splitIsoDate(iso);
  if (parts === null) return fail("unrecognized");
  const era = eraOf(iso);
  if (era === null) return fail("outside_era");
  return ok({ era, year: parts.year - era.firstYear + 1, month: parts.month, day: parts.day });
};

/**
 * Writes an era date: `"kanji"` → `平成元年1月8日` (元年 for year 1, as official documents do),
 * `"letter"` → `H1.1.8` (the short form on forms and cards).
 */
export const formatWareki = (date: WarekiDate, style: "kanji" | "letter"): string =>
  style === "kanji"
    ? `${date.era.kanji}${date.year === 1 ? "元" : String(date.year)}年${date.month}月${date.day}日`
    : `${date.era.letter}${date.year}.${date.month}.${date.day}`;
