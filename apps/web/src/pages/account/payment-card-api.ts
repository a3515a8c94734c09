import { requestJson } from "../../api.ts";
import type { Locale } from "../../i18n/locale.ts";
import type { SavedCardView } from "../apply/payment-messages.ts";

const path = "/api/resident/payment-card";

/** The resident's saved card (R6): read, save or change with a hosted-fields token, delete. */
export const paymentCardApi = (locale: Locale) => ({
  get: (signal?: AbortSignal) => requestJson<{ card: SavedCardView | null }>("GET", path, { locale, ...(signal === undefined ? {} : { signal }) }),
  save: (csrfToken: string, token: string) => requestJson<{ card: SavedCardView }>("PUT", path, { locale, csrfToken, body: { token } }),
  remove: (csrfToken: string) => requestJson<{ card: null }>("DELETE", path, { locale, csrfToken }),
});
