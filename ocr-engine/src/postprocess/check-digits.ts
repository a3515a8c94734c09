/**
 * Check digits of Japanese identification numbers.
 *
 * 個人番号 (My Number): 12 digits, the last a check digit (行政手続における特定の個人を識別するための番号の利用等に関する
 * 法律施行令 第8条, 総務省令第85号 第5条): with Pn the n-th digit counted from the right of the first eleven
 * and Qn = n + 1 for n ≤ 6, n − 5 for n ≥ 7, check = 11 − (Σ Pn·Qn mod 11), or 0 when the remainder ≤ 1.
 *
 * 住民票コード: 11 digits. It has a check digit too, but its formula is not verified here (no primary source
 * at hand), so only the 11-digit pattern is checked: see `isJuminhyoCodeShape`.
 */

/** The 個人番号 check digit of the first eleven digits. Throws on anything but 11 ASCII digits (programmer error). */
export const myNumberCheckDigit = (first11: string): number => {
  if (!/^\d{11}$/.test(first11)) throw new TypeError("myNumberCheckDigit expects 11 digits");
  let sum = 0;
  for (let n = 1; n <= 11; n++) {
    const p = Number(first11[11 - n]);
    const q = n <= 6 ? n + 1 : n - 5;
    sum += p * q;
  }
  const r = sum % 11;
  return r <= 1 ? 0 : 11 - r;
};

/** Whether a string is a 12-digit 個人番号 whose check digit verifies. */
export const isValidMyNumber = (digits: string): boolean =>
  /^\d{12}$/.test(digits) && myNumberCheckDigit(digits.slice(0, 11)) === Number(digits[11]);

/** Whether a string has the shape of a 住民票コード (11 digits); the check digit is not verified. */
export const isJuminhyoCodeShape = (digits: string): boolean => /^\d{11}$/.test(digits);

/** The 在留カード番号 pattern: two letters, eight digits, two letters. */
export const ZAIRYU_CARD_NUMBER = /^[A-Z]{2}\d{8}[A-Z]{2}$/;

/**
 * Check-digit verifiers by the template's `post.checkDigit` name. Keyed by string so that a name added to
 * the template format later (e.g. a verified `juminhyo-code`) only needs an entry here.
 */
export const CHECK_DIGIT_VERIFIERS: Readonly<Record<string, (value: string) => boolean>> = {
  mynumber: isValidMyNumber,
  none: () => true,
};
