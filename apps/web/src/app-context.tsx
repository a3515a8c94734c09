import { createContext, useContext, useMemo } from "react";
import { createApi, type Api } from "./api.ts";
import type { AppConfig } from "./api-types.ts";
import { useI18n } from "./i18n/i18n-context.tsx";

/** The deployment's configuration, loaded once at start-up. */
export const ConfigContext = createContext<AppConfig | null>(null);

/** The deployment's configuration. Throws outside the loaded app (a programming error). */
export function useConfig(): AppConfig {
  const config = useContext(ConfigContext);
  if (config === null) throw new Error("useConfig() must be used below <ConfigContext.Provider>");
  return config;
}

/** The API client in the current UI language (so the server answers in it). */
export function useApi(): Api {
  const { locale } = useI18n();
  return useMemo(() => createApi(locale), [locale]);
}
