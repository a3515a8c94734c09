import { hiraganaToKatakana } from "../shared/japanese/kana.ts";
import type { Procedure } from "./procedure.ts";

/** What search reads of a procedure: the web app's copy of the catalog has these fields too. */
export type SearchableProcedure = Pick<Procedure, "name" | "description" | "categoryIds" | "lifeEventIds" | "keywords">;

/** What a resident searches by (R12): words, a category, a life event; each absent or empty is no filter. */
export interface ProcedureQuery {
  readonly text?: string;
  readonly categoryId?: string;
  readonly lifeEventId?: string;
}

/**
 * Text as search compares it: NFKC (full-width Latin and digits to half-width, half-width kana to full-width),
 * lower case, katakana for hiragana (じゅうみんひょう finds ジュウミンヒョウ and the reverse), without spaces or the
 * middle dots and brackets of names (戸籍全部事項証明書・個人事項証明書).
 */
export const searchForm = (s: string): string =>
  hiraganaToKatakana(s.normalize("NFKC"))
    .toLowerCase()
    .replace(/[\s・･（）()「」『』、,.。]/gu, "");

/**
 * The procedures that match (R12), in catalog order: every word of `text` (split at spaces and ・) occurs in the
 * procedure's name, description or keywords, in Japanese or English; and it is filed under the category and
 * needed for the life event asked. Pure: the portal filters as the resident types, the server can answer the same.
 */
export const searchProcedures = <P extends SearchableProcedure>(procedures: readonly P[], query: ProcedureQuery): readonly P[] => {
  // Spaces and the separators of names (全部事項・個人事項) part words.
  const words = (query.text ?? "")
    .normalize("NFKC")
    .split(/[\s・･、,]+/u)
    .map(searchForm)
    .filter((w) => w !== "");
  const categoryId = query.categoryId ?? "";
  const lifeEventId = query.lifeEventId ?? "";
  return procedures.filter((p) => {
    if (categoryId !== "" && !(p.categoryIds ?? []).includes(categoryId)) return false;
    if (lifeEventId !== "" && !(p.lifeEventIds ?? []).includes(lifeEventId)) return false;
    if (words.length === 0) return true;
    const haystack = [p.name.ja, p.name.en, p.description.ja, p.description.en, ...(p.keywords ?? [])].map(searchForm).join("\n");
    return words.every((w) => haystack.includes(w));
  });
};
