import type { CardBrandName } from "../api-types.ts";
import { useConfig } from "../app-context.tsx";
import { useI18n } from "../i18n/i18n-context.tsx";

/** How each brand is written for people (the same in Japanese and English). */
export const CARD_BRAND_NAMES: Readonly<Record<CardBrandName, string>> = { visa: "VISA", mastercard: "Mastercard", jcb: "JCB", amex: "American Express", diners: "Diners Club" };

const M = {
  ja: { label: "ご利用いただけるカード：", separator: "、" },
  en: { label: "Cards accepted: ", separator: ", " },
} as const;

/**
 * The card brands this city accepts (`MADOGUCHI_CARD_BRANDS`, ADR 29), for beside the card form: the
 * resident knows before typing which card to take out. Names only, from `/api/config`.
 */
export function AcceptedCardBrands() {
  const { locale } = useI18n();
  const brands = useConfig().acceptedCardBrands ?? [];
  if (brands.length === 0) return null;
  const m = M[locale];
  return (
    <p className="field__help" data-testid="accepted-card-brands">
      {m.label}
      {brands.map((b) => CARD_BRAND_NAMES[b]).join(m.separator)}
    </p>
  );
}
