import type { BasicInformation, JpkiDateOfBirth } from "./basic-information.ts";

/**
 * What the resident typed compared with the 4 basic information items of their certificate (R13).
 * Pure. The point is to show the resident, side by side, where the two differ — never to decide for
 * them: a difference is shown and the resident chooses; "the same" only hides an unimportant spelling
 * difference. So "the same" is kept narrow:
 *
 * - **both**: Unicode NFKC (全角/半角 letters, digits and kana; compatibility ideographs), variation
 *   selectors (IVS) removed, every space removed (半角 and 全角), and these glyph variants read as one
 *   character: 髙/高, 﨑/崎, 𠮷/吉 — fonts draw them as one letter and the certificate's
 *   substitute characters (代替文字) replace the first by the second.
 * - **旧字 vs 新字** (澤/沢, 邊/辺, 齋/斎 …) are *not* the same by any table: they are different
 *   registered characters. A typed value also matches when it equals the certificate's own substitute
 *   characters (氏名代替文字 / 住所代替文字) — J-LIS's replacement for that very person, so that is safe.
 * - **address** only: kanji numerals before 丁目/番地/番/号 read as digits, and `N丁目M番地K号`,
 *   `N丁目M番K号` and `N-M-K` (any dash) read alike.
 * - **date of birth**: the typed ISO date against the certificate's year, month and day; a partial
 *   date in the certificate (unknown month or day) compares only the parts it has.
 *
 * Sex is not on the form, so it is shown, never compared.
 */

/** The form fields that the certificate can pre-fill and that are compared. */
export type ComparedField = "name" | "address" | "dateOfBirth";

/** The fields in display order. */
export const COMPARED_FIELDS: readonly ComparedField[] = ["name", "address", "dateOfBirth"];

/** One field, side by side. */
export interface FieldComparison {
  readonly field: ComparedField;
  /** What the resident typed (as the form normalised it). */
  readonly typed: string;
  /** What the certificate says, as the form would take it (ISO date; `????` for unknown parts). */
  readonly certificate: string;
  /** The certificate's substitute characters when it has them and they differ from the value (代替文字). */
  readonly substitute: string | null;
  readonly same: boolean;
}

/** What a verified certificate puts into an empty form. */
export interface BasicInformationPrefill {
  readonly name: string;
  readonly address: string;
  /** ISO `YYYY-MM-DD`, or `null` for a partial date (the resident types it). */
  readonly dateOfBirth: string | null;
  readonly sex: BasicInformation["sex"];
  readonly nameSubstitute: string | null;
  readonly addressSubstitute: string | null;
}

// Glyph variants only (see above); never 旧字/新字 pairs.
const GLYPH_VARIANTS: Readonly<Record<string, string>> = { "髙": "高", "﨑": "崎", "𠮷": "吉" };
const VARIATION_SELECTORS = /[\uFE00-\uFE0F]|\uDB40[\uDD00-\uDDEF]/g;
const SPACES = /\s+/gu;
const DASHES = /[\u002D\u2010-\u2015\u2212\u30FC\uFF0D\uFF70]/g;
const KANJI_DIGITS: Readonly<Record<string, number>> = { 〇: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** The normalisation both values go through before a name is compared. */
export const normaliseForComparison = (value: string): string => {
  let out = value.normalize("NFKC").replace(VARIATION_SELECTORS, "").replace(SPACES, "");
  for (const [variant, common] of Object.entries(GLYPH_VARIANTS)) out = out.replaceAll(variant, common);
  return out;
};

/** Kanji numerals up to 99 (一, 十, 二十三, 十五); `null` when not one. */
const kanjiNumber = (text: string): number | null => {
  if (!/^[〇一二三四五六七八九十]+$/.test(text)) return null;
  if (!text.includes("十")) return Number([...text].map((c) => KANJI_DIGITS[c]).join(""));
  const [tens, ones] = text.split("十") as [string, string];
  if (tens.length > 1 || ones.length > 1) return null;
  return (tens === "" ? 1 : (KANJI_DIGITS[tens] ?? 0)) * 10 + (ones === "" ? 0 : (KANJI_DIGITS[ones] ?? 0));
};

/** The normalisation of an address: the name's, then block numbers written one way. */
export const normaliseAddressForComparison = (value: string): string => {
  let out = normaliseForComparison(value);
  out = out.replace(/([〇一二三四五六七八九十]+)(?=丁目|番地|番|号)/g, (match: string) => String(kanjiNumber(match) ?? match));
  // Between digits a long-vowel mark or any dash is a hyphen (katakana names keep their ー).
  out = out.replace(/(?<=[0-9])[\u30FC\uFF70](?=[0-9])/g, "-").replace(DASHES, (d) => (d === "ー" || d === "ｰ" ? d : "-"));
  out = out.replace(/(?<=[0-9])(?:丁目|番地|番)(?=[0-9])/g, "-").replace(/(?<=[0-9])(?:号|番地|番)$/u, "");
  return out;
};

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** The certificate's date of birth as the form writes dates: ISO, `??` for the unknown parts. */
export const certificateDateText = (dob: JpkiDateOfBirth): string =>
  `${pad(dob.year, 4)}-${dob.month === null ? "??" : pad(dob.month, 2)}-${dob.day === null ? "??" : pad(dob.day, 2)}`;

const sameDate = (typed: string, dob: JpkiDateOfBirth): boolean => {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(typed.normalize("NFKC").trim());
  if (match === null) return false;
  const [, y, m, d] = match;
  return Number(y) === dob.year && (dob.month === null || Number(m) === dob.month) && (dob.day === null || Number(d) === dob.day);
};

const substituteOf = (value: string, substitute: string): string | null =>
  substitute !== "" && substitute !== value ? substitute : null;

/** Compares the typed name, address and date of birth with the certificate, field by field. */
export const compareWithBasicInformation = (
  typed: { readonly name: string; readonly address: string; readonly dateOfBirth: string },
  info: BasicInformation,
): readonly FieldComparison[] => {
  const nameSubstitute = substituteOf(info.name, info.nameSubstitute);
  const addressSubstitute = substituteOf(info.address, info.addressSubstitute);
  const sameName = [info.name, nameSubstitute ?? info.name].some((v) => normaliseForComparison(v) === normaliseForComparison(typed.name));
  const sameAddress = [info.address, addressSubstitute ?? info.address].some(
    (v) => normaliseAddressForComparison(v) === normaliseAddressForComparison(typed.address),
  );
  return [
    { field: "name", typed: typed.name, certificate: info.name, substitute: nameSubstitute, same: sameName },
    { field: "address", typed: typed.address, certificate: info.address, substitute: addressSubstitute, same: sameAddress },
    {
      field: "dateOfBirth",
      typed: typed.dateOfBirth,
      certificate: certificateDateText(info.dateOfBirth),
      substitute: null,
      same: sameDate(typed.dateOfBirth, info.dateOfBirth),
    },
  ];
};

/** The values a verified certificate puts into the form (the name as the certificate writes it). */
export const basicInformationPrefill = (info: BasicInformation): BasicInformationPrefill => {
  const { dateOfBirth: dob } = info;
  return {
    name: info.name,
    address: info.address,
    dateOfBirth: dob.month === null || dob.day === null ? null : certificateDateText(dob),
    sex: info.sex,
    nameSubstitute: substituteOf(info.name, info.nameSubstitute),
    addressSubstitute: substituteOf(info.address, info.addressSubstitute),
  };
};

/** Signature certificates are issued from the 15th birthday on (under-15s have none). */
export const SIGNATURE_CERTIFICATE_MIN_AGE = 15;

/**
 * Whether someone born on `dateOfBirth` (ISO) is still under 15 on `today` (the municipality's date,
 * ISO): then their card has no signature certificate. `false` for an unreadable date (the card decides).
 */
export const isBelowSignatureCertificateAge = (dateOfBirth: string, today: string): boolean => {
  const birth = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(dateOfBirth);
  const now = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(today);
  if (birth === null || now === null) return false;
  const [, by, bm, bd] = birth.map(Number) as [number, number, number, number];
  const [, ty, tm, td] = now.map(Number) as [number, number, number, number];
  const age = ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
  return age < SIGNATURE_CERTIFICATE_MIN_AGE;
};
