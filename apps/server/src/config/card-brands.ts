import { PAYMENT_CARD_BRANDS, type CardBrand } from "@madoguchi/core";

/** Brands accepted unless `MADOGUCHI_CARD_BRANDS` says otherwise (issue 6: AMEX and Diners are switched on by the city). */
export const DEFAULT_CARD_BRANDS = "visa,mastercard,jcb";

/**
 * `MADOGUCHI_CARD_BRANDS`: a comma-separated list of the port's brands (`visa`, `mastercard`, `jcb`, `amex`,
 * `diners`; case and spaces ignored), at least one, each once. The brands in the port's order, or the
 * configuration error's message.
 */
export const parseCardBrands = (text: string): readonly CardBrand[] | string => {
  const names = text.split(",").map((s) => s.trim().toLowerCase());
  const unknown = names.filter((n) => !(PAYMENT_CARD_BRANDS as readonly string[]).includes(n));
  if (names.length === 0 || unknown.length > 0) {
    return `MADOGUCHI_CARD_BRANDS must list card brands separated by commas, from ${PAYMENT_CARD_BRANDS.join(", ")} (e.g. ${DEFAULT_CARD_BRANDS})`;
  }
  if (new Set(names).size !== names.length) return "MADOGUCHI_CARD_BRANDS lists a brand twice";
  return PAYMENT_CARD_BRANDS.filter((b) => names.includes(b));
};

/**
 * The brands of `MADOGUCHI_CARD_BRANDS`, or the default when it is unset or invalid — for settings decoded
 * before the whole configuration is checked; `loadConfig` refuses an invalid value with `parseCardBrands`.
 */
export const cardBrandsOrDefault = (text: string | undefined): readonly CardBrand[] => {
  const parsed = parseCardBrands(text ?? DEFAULT_CARD_BRANDS);
  return typeof parsed === "string" ? (parseCardBrands(DEFAULT_CARD_BRANDS) as readonly CardBrand[]) : parsed;
};
