/**
 * Check digits of Japanese identification numbers.
 *
 * 個人番号 (My Number): 12 digits, the last a check digit (行政手続における特定の個人を識別するための番号の利用等に関する
 * 法律施行令 第8条, 総務省令第85号 第5条): with Pn the n-th digit counted from the right of the first eleven
 * and Qn = n + 1 for n ≤ 6, n − 5 for n ≥ 7, check = 11 − (Σ Pn·Qn mod 11), or 0 when the remainder ≤ 1.
 *
 * 住民票コード: 11 digits, ten random digits and a 検査数字 (住民基本台帳法施行規則 第1条; the formula is the one
 * the 総務大臣 fixed under its 第2号: 平成14年総務省告示第436号, 官報 2002-07-25 p. 6). See {@link juminhyoCodeCheckDigit}
 * for the formula, how it was verified and what happens if it were wrong.
 *
 * 運転免許証番号: 12 digits (公安委員会 code, year of first issue, serial, one check digit, reissue count). The
 * National Police Agency publishes no formula for its 11th digit; only hobby sites and magazines describe one,
 * so it is **not** verified here (pattern only, see {@link isDrivingLicenceNumberShape}): a guessed formula that
 * turned out wrong would flag every real licence, and a verifier nobody can check against a primary source is
 * no check at all.
 */
import type { CheckDigit } from "../templates/template.ts";

/**
 * The weighted modulus-11 digit shared by the 個人番号 and the 住民票コード: Pn is the n-th digit from the right,
 * Qn = n + 1 for n ≤ 6 and n − 5 for n ≥ 7 (weights 2,3,4,5,6,7,2,3,4,5,6 from the right), check =
 * 11 − (Σ Pn·Qn mod 11), or 0 when the remainder is 0 or 1.
 *
 * What it catches: every changed check digit, and every single changed body digit except when the change
 * moves the remainder between 0 and 1 (both map to check digit 0) — the statutory formula's own blind spot.
 */
const modulus11Digit = (body: string): number => {
  let sum = 0;
  for (let n = 1; n <= body.length; n++) {
    const p = Number(body[body.length - n]);
    const q = n <= 6 ? n + 1 : n - 5;
    sum += p * q;
  }
  const r = sum % 11;
  return r <= 1 ? 0 : 11 - r;
};

/** The 個人番号 check digit of the first eleven digits. Throws on anything but 11 ASCII digits (programmer error). */
export const myNumberCheckDigit = (first11: string): number => {
  if (!/^\d{11}$/.test(first11)) throw new TypeError("myNumberCheckDigit expects 11 digits");
  return modulus11Digit(first11);
};

/** Whether a string is a 12-digit 個人番号 whose check digit verifies. */
export const isValidMyNumber = (digits: string): boolean =>
  /^\d{12}$/.test(digits) && myNumberCheckDigit(digits.slice(0, 11)) === Number(digits[11]);

/**
 * The 住民票コード 検査数字 of the first ten digits. Throws on anything but 10 ASCII digits (programmer error).
 *
 * Formula: the 個人番号's modulus 11 on ten digits — Pn the n-th digit from the right (n = 1..10), Qn = n + 1
 * for n ≤ 6 and n − 5 for n ≥ 7 (weights 5,4,3,2,7,6,5,4,3,2 from the left), check = 11 − (Σ Pn·Qn mod 11),
 * or 0 when the remainder is 0 or 1.
 *
 * Sources: 住民基本台帳法施行規則 第1条 (ten random digits + one 検査数字 computed from them by the formula the
 * 総務大臣 fixes) and 平成14年総務省告示第436号, which fixes it. The text of that 告示 could not be retrieved
 * while writing this (offline), so the formula was verified against two independent public implementations
 * instead: a C# generator that computes "マイナンバーと住民票コードのチェックデジット" with this Qn on 10 digits, and
 * a synthetic 住民票 sample whose three distinct codes (24727059608, 24846016224, 25208017643) all verify
 * (a random digit would match 3 of 3 with probability ~1/1000). Should the 告示 differ, the failure mode is
 * safe: genuine codes are flagged `check_digit_failed` for a person to confirm, never passed silently.
 */
export const juminhyoCodeCheckDigit = (first10: string): number => {
  if (!/^\d{10}$/.test(first10)) throw new TypeError("juminhyoCodeCheckDigit expects 10 digits");
  return modulus11Digit(first10);
};

/** Whether a string is an 11-digit 住民票コード whose 検査数字 verifies (see {@link juminhyoCodeCheckDigit}). */
export const isValidJuminhyoCode = (digits: string): boolean =>
  /^\d{11}$/.test(digits) && juminhyoCodeCheckDigit(digits.slice(0, 10)) === Number(digits[10]);

/** Whether a string has the shape of a 住民票コード (11 digits), without verifying the 検査数字. */
export const isJuminhyoCodeShape = (digits: string): boolean => /^\d{11}$/.test(digits);

/**
 * Whether a string has the shape of a 運転免許証番号 (12 digits). The 11th digit is widely described as a check
 * digit, but no official formula is published (see the module comment), so it is not verified.
 */
export const isDrivingLicenceNumberShape = (digits: string): boolean => /^\d{12}$/.test(digits);

/** The 在留カード番号 pattern: two letters, eight digits, two letters. */
export const ZAIRYU_CARD_NUMBER = /^[A-Z]{2}\d{8}[A-Z]{2}$/;

/**
 * Check-digit verifiers by the template's `post.checkDigit` name. Keyed by {@link CheckDigit}, so a name added
 * to the template format does not compile until it has a verifier here.
 */
export const CHECK_DIGIT_VERIFIERS: Readonly<Record<CheckDigit, (value: string) => boolean>> = {
  mynumber: isValidMyNumber,
  "juminhyo-code": isValidJuminhyoCode,
  none: () => true,
};
