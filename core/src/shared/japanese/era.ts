import type { IsoDate } from "./iso-date.ts";

/** The Japanese eras (元号) that a living person's dates can be written in. */
export type EraName = "meiji" | "taisho" | "showa" | "heisei" | "reiwa";

/** One era: its names, the Gregorian year of its first year (元年) and the dates it covers. */
export interface Era {
  readonly name: EraName;
  /** 明治, 大正, 昭和, 平成, 令和. */
  readonly kanji: string;
  /** The one-letter abbreviation used on forms: M, T, S, H, R. */
  readonly letter: "M" | "T" | "S" | "H" | "R";
  /** Gregorian year of 元年: Gregorian year = firstYear + eraYear − 1. */
  readonly firstYear: number;
  /** First date written in this era (inclusive). */
  readonly start: IsoDate;
  /** Last date written in this era (inclusive); `null` for the current era. */
  readonly end: IsoDate | null;
}

/**
 * The eras, oldest first. Each starts on the day of the accession (the day an era ends belongs to the
 * next one: 1989-01-07 is 昭和64年, 1989-01-08 is 平成元年).
 *
 * 明治 starts on 1873-01-01 (明治6年1月1日) here, not 1868: Japan adopted the Gregorian calendar that
 * day, and 明治 1–5 dates are lunisolar dates that cannot be converted by arithmetic. Such dates are
 * rejected rather than converted wrongly; no living resident was born before 1873.
 */
export const ERAS: readonly Era[] = [
  { name: "meiji", kanji: "明治", letter: "M", firstYear: 1868, start: "1873-01-01", end: "1912-07-29" },
  { name: "taisho", kanji: "大正", letter: "T", firstYear: 1912, start: "1912-07-30", end: "1926-12-24" },
  { name: "showa", kanji: "昭和", letter: "S", firstYear: 1926, start: "1926-12-25", end: "1989-01-07" },
  { name: "heisei", kanji: "平成", letter: "H", firstYear: 1989, start: "1989-01-08", end: "2019-04-30" },
  { name: "reiwa", kanji: "令和", letter: "R", firstYear: 2019, start: "2019-05-01", end: null },
];

/** The era a date is written in, or `null` before 1873-01-01 (see {@link ERAS}). */
export const eraOf = (iso: IsoDate): Era | null =>
  ERAS.find((era) => iso >= era.start && (era.end === null || iso <= era.end)) ?? null;
