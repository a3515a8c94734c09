import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { err, ok, type Result } from "neverthrow";

/** Largest resident-records file read: 200 rows of a dozen columns are a few tens of kilobytes. */
export const MAX_RECORDS_FILE_BYTES = 1024 * 1024;

/** The media types a CSV file arrives with (browsers send Excel's CSV as either). */
export const RECORDS_MEDIA_TYPES = ["text/csv", "application/vnd.ms-excel", "text/plain", "application/octet-stream"] as const;

export type RecordsEncoding = "utf-8" | "shift_jis";

/**
 * The text of a CSV file. `auto`: a UTF-8 BOM or valid UTF-8 is UTF-8, anything else Shift_JIS — read as
 * Windows-31J (CP932), the Shift_JIS the resident-records systems export (with 髙, ① and the other vendor
 * characters of names). A Shift_JIS file is almost never valid UTF-8, so the guess holds for real exports.
 */
export const decodeRecordsFile = (bytes: Uint8Array, asked: RecordsEncoding | "auto"): { readonly text: string; readonly encoding: RecordsEncoding } => {
  const encoding = asked !== "auto" ? asked : isUtf8(bytes) ? "utf-8" : "shift_jis";
  const text = encoding === "utf-8" ? new TextDecoder("utf-8").decode(bytes) : iconv.decode(Buffer.from(bytes), "cp932");
  return { text: text.replace(/^\uFEFF/, ""), encoding };
};

const isUtf8 = (bytes: Uint8Array): boolean => {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/**
 * RFC 4180 records (quoted cells with commas, quotes and line breaks), by csv-parse. Rows may differ in
 * length (a spreadsheet drops trailing empty cells); a quote left open is an unreadable file. Each record is
 * a row as a spreadsheet numbers it: the header is row 1.
 */
export const csvRows = (text: string): Result<string[][], "unreadable"> => {
  try {
    return ok(parse(text, { relax_column_count: true, skip_empty_lines: false }) as string[][]);
  } catch {
    return err("unreadable");
  }
};
