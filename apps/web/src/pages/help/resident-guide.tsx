import { useConfig } from "../../app-context.tsx";
import { usePageTitle } from "../../hooks/use-document-title.ts";
import { useI18n } from "../../i18n/i18n-context.tsx";
import { CARD_BRAND_NAMES } from "../../payments/accepted-card-brands.tsx";
import { ManualView } from "./help-page.tsx";
import { residentGuide } from "./resident-guide-content.ts";

/**
 * `/help` — N10's guide for residents (使い方・ヘルプ), linked from every page's menu. The city's name and the card
 * brands it accepts come from the deployment's configuration, as the payment step shows them.
 */
export function ResidentGuidePage() {
  const { locale, pick } = useI18n();
  const config = useConfig();
  const manual = residentGuide(locale, {
    city: pick(config.municipality.name),
    cardBrands: (config.acceptedCardBrands ?? []).map((b) => CARD_BRAND_NAMES[b]),
  });
  usePageTitle(manual.title);
  return <ManualView manual={manual} />;
}
