import iconv from "iconv-lite";

/** The encodings staff can pick for a CSV file: UTF-8 (with BOM, so Excel reads it) or Shift_JIS. */
export type CsvEncoding = "utf-8" | "shift_jis";

/** Characters that make a spreadsheet read a cell as a formula (or hide its start): = + - @ TAB CR. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell: a value a spreadsheet would run as a formula gets a leading `'` (CSV injection);
 * then RFC 4180 quoting — a cell with a comma, a quote, CR or LF is quoted and its quotes doubled.
 */
export const csvCell = (value: string | number): string => {
  const text = String(value);
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** Rows as RFC 4180 text: CRLF after every record, the last one included. */
export const csvText = (rows: readonly (readonly (string | number)[])[]): string => rows.map((r) => r.map(csvCell).join(",") + "\r\n").join("");

/**
 * The bytes of a CSV file. Shift_JIS is written as Windows-31J (CP932), the Shift_JIS that Excel and
 * municipal systems in Japan read (it has ①, 髙 and the other vendor characters of names and addresses).
 */
export const csvBytes = (rows: readonly (readonly (string | number)[])[], encoding: CsvEncoding): Buffer => {
  const text = csvText(rows);
  return encoding === "utf-8" ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]) : iconv.encode(text, "cp932");
};
