import { readFile } from "node:fs/promises";
import { decodeProcedureCatalog, type ProcedureCatalog } from "@madoguchi/core";

/**
 * Reads the municipality's procedure catalog (a file staff or integrators edit, not code) and
 * validates it; a broken file stops the start with a message naming the wrong entries.
 */
export const loadCatalog = async (file: string): Promise<ProcedureCatalog> => {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, "utf8"));
  } catch (e) {
    throw new Error(`cannot read the procedure catalog ${file}: ${(e as Error).message}`);
  }
  const decoded = decodeProcedureCatalog(json);
  if (decoded.isErr()) throw new Error(`the procedure catalog ${file} is invalid:\n${decoded.error.message}`);
  return decoded.value;
};
