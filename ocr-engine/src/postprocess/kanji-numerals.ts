/**
 * Kanji numerals as printed on certificates: positional forms with 十百千 (五十, 千二百三十四), digit-by-digit
 * forms (一九七五), and the formal forms of 戸籍 (壱弐参拾). 元 (the first year of an era) is handled by the
 * date parser, not here, because 元 means 1 only before 年.
 */

const DIGITS: Readonly<Record<string, number>> = {
  〇: 0, 零: 0, "０": 0,
  一: 1, 壱: 1, 壹: 1,
  二: 2, 弐: 2, 貳: 2,
  三: 3, 参: 3, 參: 3,
  四: 4, 五: 5, 伍: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const UNITS: Readonly<Record<string, number>> = { 十: 10, 拾: 10, 百: 100, 千: 1000, 阡: 1000 };

/** Characters that can make up a kanji numeral, for building regular expressions. */
export const KANJI_NUMERAL_CHARS = "〇零一壱壹二弐貳三参參四五伍六七八九十拾百千阡";

/**
 * The value of a kanji numeral (or of ASCII digits), or null when the text is not one.
 * Positional: 二十三 → 23, 十 → 10, 千二百 → 1200; digit-by-digit: 一九七五 → 1975, 二〇 → 20.
 */
export const parseKanjiNumber = (text: string): number | null => {
  if (/^\d+$/.test(text)) return Number(text);
  if (text.length === 0) return null;
  const chars = [...text];
  if (chars.some((c) => DIGITS[c] === undefined && UNITS[c] === undefined)) return null;
  if (!chars.some((c) => UNITS[c] !== undefined)) {
    return Number(chars.map((c) => DIGITS[c]).join(""));
  }
  let total = 0;
  let pending: number | null = null;
  let lastUnit = Number.POSITIVE_INFINITY;
  for (const c of chars) {
    const digit = DIGITS[c];
    if (digit !== undefined) {
      if (pending !== null) return null; // 二三十: two digits before a unit is not a numeral
      pending = digit;
      continue;
    }
    const unit = UNITS[c] as number;
    if (unit >= lastUnit) return null; // 十百, 十十: units must decrease
    total += (pending ?? 1) * unit;
    pending = null;
    lastUnit = unit;
  }
  return total + (pending ?? 0);
};

/** The kanji positional form of a non-negative integer below 10000 (for tests and synthetic data). */
export const toKanjiNumber = (n: number): string => {
  if (!Number.isInteger(n) || n < 0 || n >= 10000) throw new RangeError("toKanjiNumber: 0..9999 only");
  if (n === 0) return "〇";
  const names = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
  let out = "";
  for (const [unit, name] of [[1000, "千"], [100, "百"], [10, "十"]] as const) {
    const d = Math.floor(n / unit) % 10;
    if (d > 0) out += (d === 1 ? "" : names[d]) + name;
  }
  return out + (names[n % 10] ?? "");
};
