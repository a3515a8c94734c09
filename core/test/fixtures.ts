import { readFileSync } from "node:fs";
import { decodeProcedureCatalog, type ProcedureCatalog } from "../src/index.ts";

/** The raw JSON of the catalog shipped in `config/procedures.json`. */
export const shippedCatalogJson = (): unknown =>
  JSON.parse(readFileSync(new URL("../../config/procedures.json", import.meta.url), "utf8"));

/** The shipped catalog, decoded (throws if it does not decode: the catalog test says why). */
export const shippedCatalog = (): ProcedureCatalog => decodeProcedureCatalog(shippedCatalogJson())._unsafeUnwrap();

/** Looks up an entry that a test knows exists. */
export const must = <T>(value: T | null | undefined, what = "value"): T => {
  if (value === null || value === undefined) throw new Error(`test fixture: missing ${what}`);
  return value;
};
