import { readFile } from "node:fs/promises";
import { decodeResidentRecordHeaders, type ResidentRecordHeaders } from "@madoguchi/core";

/**
 * C5: the municipality's own header names of its resident-records export, e.g. `{ "name": ["住民名称"] }`, read at
 * start. No file: the built-in names only. A file that is not valid (unknown column, a name meaning two columns)
 * stops the start with every problem named, rather than misreading a household later.
 */
export const loadResidentRecordHeaders = async (file: string): Promise<ResidentRecordHeaders> => {
  const text = await readFile(file, "utf8").catch((e: NodeJS.ErrnoException) => (e.code === "ENOENT" ? null : Promise.reject(e)));
  if (text === null) return {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${file} is not valid JSON`);
  }
  const decoded = decodeResidentRecordHeaders(json);
  if (decoded.isErr()) throw new Error(`${file}:\n${decoded.error.map((i) => `  ${i}`).join("\n")}`);
  return decoded.value;
};
