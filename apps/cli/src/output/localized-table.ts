import type { Localized } from "@madoguchi/core";
import { formatTable } from "./text-table.ts";

/**
 * A table laid out separately in each language (column widths differ between 住民票の写し and
 * "Certificate of residence"), returned as one translated line per row.
 */
export const localizedTable = (rows: { readonly ja: readonly (readonly string[])[]; readonly en: readonly (readonly string[])[] }): Localized[] => {
  if (rows.ja.length !== rows.en.length) throw new Error("localizedTable: both languages need the same rows");
  const ja = formatTable(rows.ja);
  const en = formatTable(rows.en);
  return ja.map((line, i) => ({ ja: line, en: en[i] ?? "" }));
};
