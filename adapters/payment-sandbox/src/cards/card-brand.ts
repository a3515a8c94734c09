/**
 * Card brands and how the sandbox recognises them from the issuer identification number (IIN, the
 * leading digits of the card number).
 */

/** Brands the sandbox knows; the same set as `Authorization["brand"]` in the core port. */
export type CardBrand = "visa" | "mastercard" | "jcb" | "amex" | "diners";

/** Every brand, in a stable order (options, documentation). */
export const CARD_BRANDS: readonly CardBrand[] = ["visa", "mastercard", "jcb", "amex", "diners"];

/** Brands accepted unless the gateway is told otherwise: the three that cover Japanese municipal use. */
export const DEFAULT_ACCEPTED_BRANDS: readonly CardBrand[] = ["visa", "mastercard", "jcb"];

const prefixBetween = (digits: string, length: number, low: number, high: number): boolean => {
  if (digits.length < length) return false;
  const prefix = Number(digits.slice(0, length));
  return prefix >= low && prefix <= high;
};

/**
 * The brand of a card number by its IIN, or `null` when no known brand matches: VISA 4;
 * Mastercard 51–55 and 2221–2720; JCB 3528–3589; AMEX 34 and 37; Diners 36 and 300–305.
 */
export const detectBrand = (digits: string): CardBrand | null => {
  if (digits.startsWith("4")) return "visa";
  if (prefixBetween(digits, 2, 51, 55) || prefixBetween(digits, 4, 2221, 2720)) return "mastercard";
  if (prefixBetween(digits, 4, 3528, 3589)) return "jcb";
  if (prefixBetween(digits, 2, 34, 34) || prefixBetween(digits, 2, 37, 37)) return "amex";
  if (prefixBetween(digits, 2, 36, 36) || prefixBetween(digits, 3, 300, 305)) return "diners";
  return null;
};

const VALID_LENGTHS: Readonly<Record<CardBrand, readonly number[]>> = {
  visa: [13, 16, 19],
  mastercard: [16],
  jcb: [16, 17, 18, 19],
  amex: [15],
  diners: [14, 15, 16, 17, 18, 19],
};

/** True when a number of `length` digits can be a card of `brand`. */
export const hasValidLength = (brand: CardBrand, length: number): boolean => VALID_LENGTHS[brand].includes(length);

/** Length of the security code printed on a card of `brand` (AMEX prints four digits). */
export const securityCodeLength = (brand: CardBrand): number => (brand === "amex" ? 4 : 3);
