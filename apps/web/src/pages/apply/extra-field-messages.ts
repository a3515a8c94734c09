import type { Locale } from "../../i18n/locale.ts";

/** Texts of the procedure's own questions (S6) that the catalog does not give, Japanese first. */
const ja = {
  /** Added to a text question's help: the browser stops typing at the limit, so the resident is told it. */
  maxLength: (max: number) => `${max}文字以内で入力してください。`,
};

const en: typeof ja = {
  maxLength: (max) => `Up to ${max} characters.`,
};

/** The texts of extra questions in `locale`. */
export const extraFieldMessages = (locale: Locale) => (locale === "ja" ? ja : en);
