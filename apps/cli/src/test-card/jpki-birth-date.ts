import { ERAS, eraOf, formatIsoDate, isRealDate, type IsoDate } from "@madoguchi/core";

/**
 * Checks a JPKI date of birth, `EYYYYMMDD`: an era digit (1 明治, 2 大正, 3 昭和, 4 平成, 5 令和, in
 * the order of core's `ERAS`) then the Gregorian date, which must be a real date inside that era and
 * not after `today`. Returns the ISO date, or `null` when the value is not one.
 */
export const parseJpkiBirthDate = (value: string, today: IsoDate): IsoDate | null => {
  const match = /^([1-9])(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (match === null) return null;
  const [, eraDigit, year, month, day] = match.map(Number) as [number, number, number, number, number];
  if (!isRealDate(year, month, day)) return null;
  const iso = formatIsoDate(year, month, day);
  const era = ERAS[eraDigit - 1];
  if (era === undefined || eraOf(iso)?.name !== era.name || iso > today) return null;
  return iso;
};
