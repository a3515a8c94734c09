/** Languages of the UI and of messages to residents. Japanese first. */
export type Locale = "ja" | "en";
export const LOCALES: readonly Locale[] = ["ja", "en"];
/** A text in every UI language. */
export interface Localized {
  readonly ja: string;
  readonly en: string;
}
