import { useContext, useEffect } from "react";
import { ConfigContext } from "../app-context.tsx";
import { useI18n } from "../i18n/i18n-context.tsx";

/**
 * Sets `document.title` to `page | service | city` — the first thing a screen reader announces after a
 * navigation. Does nothing while `enabled` is false (the app shell titles the loading screen, pages the rest).
 */
export function usePageTitle(page: string | null, enabled = true): void {
  const { t, pick } = useI18n();
  const config = useContext(ConfigContext);
  const city = config === null ? null : pick(config.municipality.name);
  const title = [page, t.meta.siteTitle, city].filter((p) => p !== null && p !== "").join(" | ");
  useEffect(() => {
    if (enabled) document.title = title;
  }, [title, enabled]);
}
