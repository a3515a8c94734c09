import { readFile } from "node:fs/promises";
import { decodeProcedureCatalog, type CatalogFile, type ProcedureCatalogJson } from "@madoguchi/core";

/**
 * Reads the municipality's procedure catalog file (edited by integrators, not code) and validates it; a broken
 * file stops the start with a message naming the wrong entries. The file's JSON is kept beside the decoded catalog:
 * procedures saved in the back office (S6) are composed with it.
 */
export const loadCatalogFile = async (file: string): Promise<CatalogFile> => {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, "utf8"));
  } catch (e) {
    throw new Error(`cannot read the procedure catalog ${file}: ${(e as Error).message}`);
  }
  const decoded = decodeProcedureCatalog(json);
  if (decoded.isErr()) throw new Error(`the procedure catalog ${file} is invalid:\n${decoded.error.message}`);
  // Decoding succeeded, so the JSON has the file's shape.
  return { json: json as ProcedureCatalogJson, catalog: decoded.value };
};
