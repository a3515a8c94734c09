/**
 * The Luhn (mod 10) check of ISO/IEC 7812, and a scanner for card numbers (PANs) in text.
 */

/** True when `digits` (ASCII digits only) passes the Luhn check. Non-digit or empty input is never valid. */
export const isLuhnValid = (digits: string): boolean => {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
};

/** Major industry identifiers of payment cards (2 and 5 Mastercard, 3 JCB/AMEX/Diners, 4 Visa, 6 Discover/UnionPay). */
const PAYMENT_CARD_FIRST_DIGIT = /^[2-6]/;

/** The longest group of digits a grouped card number is written in (Amex: 4-6-5). */
const MAX_CARD_GROUP_DIGITS = 6;

/**
 * Finds the card numbers (PANs) in `text`: runs of 13–19 digits that start like a payment card
 * (first digit 2–6) and pass the Luhn check. Digits may be grouped (up to 6 a group) by single spaces or hyphens as
 * people and forms write them ("4242 4242 4242 4242", "4242-4242-4242-4242"); every sequence of
 * consecutive groups is tried, so a grouped PAN followed by more numbers ("4242 4242 4242 4242 12 30")
 * is still found. An unbroken run of digits counts only as a whole: windows inside a long number
 * would flag ~10 % of all ids and hashes; hyphenated groups inside an identifier (a UUID) are not joined.
 *
 * Why the first-digit rule: millisecond epoch timestamps (13 digits, as in JSON logs) start with 1 and
 * would otherwise pass the Luhn check one time in ten; no card brand starts with 0, 1, 7, 8 or 9 in
 * the schemes madoguchi accepts.
 *
 * Used to prove SAQ A scope: scan request bodies, logs and database files; the expected result is an
 * empty array. Returns the matches as digit strings (separators removed), each once, in order of first
 * appearance — never print them anywhere that is kept.
 */
export const findLuhnValidPans = (text: string): string[] => {
  const found = new Set<string>();
  for (const match of text.matchAll(/\d+(?:[ -]\d+)*/g)) {
    const groups = match[0].split(/[ -]/);
    // Hyphenated groups glued to letters are the parts of an identifier, not a grouped card number: a UUID whose
    // middle groups happen to be all digits (0b8e41d4-3846-3533-4341-608f…) joined to 384635334341608, which passes
    // the Luhn check — an e2e run failed on a request id in the logs so. Each of its groups still counts alone.
    const end = match.index + match[0].length;
    const glued = /[A-Za-z]/.test(text[match.index - 1] ?? "") || /[A-Za-z]/.test(text[end] ?? "");
    const joinable = !(glued && match[0].includes("-"));
    for (let first = 0; first < groups.length; first++) {
      let digits = "";
      for (let last = first; last < (joinable ? groups.length : first + 1); last++) {
        // Cards are grouped in runs of 3 to 6 digits (4-4-4-4, 4-6-5): a longer group is a number of its own, not a
        // card's part — a receipt number 20261125-791610 joined to a Luhn-valid 14 digits, and a run failed on it.
        if (last > first && [groups[first], groups[last]].some((g) => (g ?? "").length > MAX_CARD_GROUP_DIGITS)) break;
        digits += groups[last] ?? "";
        if (digits.length > 19) break;
        if (digits.length >= 13 && PAYMENT_CARD_FIRST_DIGIT.test(digits) && isLuhnValid(digits)) found.add(digits);
      }
    }
  }
  return [...found];
};
