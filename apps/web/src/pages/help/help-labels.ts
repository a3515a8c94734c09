import type { Localized } from "../../i18n/locale.ts";

/** The staff manual's name in the staff navigation (every signed-in member sees it). */
export const staffManualNavLabel: Localized = { ja: "職員向けマニュアル", en: "Staff manual" };

/** The paths of the manuals (N10). */
export const HELP_PATHS = {
  resident: "/help",
  staff: "/staff/help",
  admin: "/staff/help/admin",
} as const;
