import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { en } from "./en.ts";
import { ja, type Messages } from "./ja.ts";
import { LOCALE_STORAGE_KEY, parseLocale, pick, type Locale, type Localized } from "./locale.ts";

const MESSAGES: Record<Locale, Messages> = { ja, en };

/** What components get from {@link useI18n}. */
export interface I18n {
  readonly locale: Locale;
  /** UI texts of the current language. */
  readonly t: Messages;
  readonly setLocale: (locale: Locale) => void;
  /** Text of a server-provided label in the current language. */
  readonly pick: (text: Localized) => string;
}

const I18nContext = createContext<I18n | null>(null);

// Storage may be unavailable (private mode, disabled cookies): the choice then lasts for the visit only.
const readStoredLocale = (): Locale => {
  try {
    return parseLocale(window.localStorage.getItem(LOCALE_STORAGE_KEY));
  } catch {
    return "ja";
  }
};

const storeLocale = (locale: Locale): void => {
  try {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // See readStoredLocale.
  }
};

/** Provides the UI language; keeps `<html lang>` and localStorage in step with it. */
export function I18nProvider({ children }: { readonly children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(readStoredLocale);

  useEffect(() => {
    // Screen readers pick their voice from <html lang>: it must follow the UI language.
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    storeLocale(next);
    setLocaleState(next);
  }, []);

  const value = useMemo<I18n>(
    () => ({ locale, t: MESSAGES[locale], setLocale, pick: (text) => pick(text, locale) }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current language and its texts. Throws when used outside {@link I18nProvider} (a programming error). */
export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (value === null) throw new Error("useI18n() must be used inside <I18nProvider>");
  return value;
}
