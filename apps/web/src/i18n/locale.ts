/** The UI languages. Japanese first: it is the default whenever nothing (valid) was chosen. */
export type Locale = "ja" | "en";

/** A text in every UI language, as the server sends catalog names and labels. */
export interface Localized {
  readonly ja: string;
  readonly en: string;
}

/** localStorage key of the resident's language choice (persists across visits). */
export const LOCALE_STORAGE_KEY = "madoguchi.locale";

/** Reads a stored choice; anything unknown (or no storage at all) falls back to Japanese. */
export const parseLocale = (stored: string | null | undefined): Locale => (stored === "en" ? "en" : "ja");

/** The other language — what the header's switch button offers. */
export const otherLocale = (locale: Locale): Locale => (locale === "ja" ? "en" : "ja");

/** Picks the text of a server-provided {@link Localized} in the UI language. */
export const pick = (text: Localized, locale: Locale): string => text[locale];
