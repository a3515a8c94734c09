import type { Locale } from "./localized.ts";

/**
 * An amount for people: `1,250円` in Japanese, `¥1,250` in English. Grouping is done by hand so the
 * output does not depend on the ICU data of the runtime.
 */
export const formatYen = (amount: number, locale: Locale): string => {
  const grouped = String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return locale === "ja" ? `${grouped}円` : `¥${grouped}`;
};
