import { useMemo } from "react";
import { useI18n } from "../../i18n/i18n-context.tsx";
import { accountApi } from "./account-api.ts";
import { accountMessages } from "./account-messages.ts";

/** The account pages' texts and API client in the current UI language. */
export function useAccount() {
  const { t, locale, pick } = useI18n();
  return useMemo(() => ({ t, m: accountMessages(locale), api: accountApi(locale), locale, pick }), [t, locale, pick]);
}

/** A query parameter of the current address (links in mails carry `account` and `token`). */
export const queryParam = (name: string): string => new URLSearchParams(window.location.search).get(name) ?? "";
