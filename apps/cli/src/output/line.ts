import type { Localized } from "@madoguchi/core";

/** One line of human output: the same in every language (an id, a path) or one text per language. */
export type Line = string | Localized;

/** Which language the human output is in: `both` prints Japanese then English. */
export type OutputLanguage = "ja" | "en" | "both";
