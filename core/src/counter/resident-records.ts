import { Result as EffectResult, Schema, SchemaIssue } from "effect";
import { err, ok, type Result } from "neverthrow";
import type { IsoDate } from "../shared/japanese/iso-date.ts";
import { parseJapaneseDate } from "../shared/japanese/japanese-date.ts";
import { toHalfWidthAscii } from "../shared/japanese/width.ts";
import { oneLineText } from "./residence-notification.ts";

/**
 * C5: the household as the resident-records system (住民基本台帳システム) exports it, for a 転居, 転出 or
 * 世帯主変更 of residents the municipality already has. The file's cells are decoded here, at the boundary;
 * the CSV itself (quotes, encodings) is read by the server.
 */
export interface ResidentRecordPerson {
  /** The file's line the person is on (the header is line 1), so staff can find it in the file. */
  readonly line: number;
  readonly name: string;
  readonly kana: string | null;
  readonly birthDate: IsoDate;
  readonly sex: "男" | "女" | null;
  readonly relationship: string | null;
  readonly residentCode: string | null;
}

export interface ResidentRecordHousehold {
  /** The file's 世帯番号, or null when it has none (then the whole file is one household). */
  readonly id: string | null;
  readonly address: string | null;
  readonly head: string | null;
  readonly domicileAddress: string | null;
  readonly domicileHead: string | null;
  readonly persons: readonly ResidentRecordPerson[];
}

/** The columns the counter takes from such a file. */
export const RESIDENT_RECORD_COLUMNS = [
  "householdId",
  "name",
  "kana",
  "birthDate",
  "sex",
  "relationship",
  "residentCode",
  "address",
  "addressBuilding",
  "head",
  "domicileAddress",
  "domicileHead",
] as const;
export type ResidentRecordColumn = (typeof RESIDENT_RECORD_COLUMNS)[number];

/**
 * The header names each column goes by in the exports of the systems municipalities run (compared after
 * NFKC, without spaces or brackets). A header that is none of these (nor of the municipality's own names,
 * {@link ResidentRecordHeaders}) is ignored and named back to staff.
 */
export const RESIDENT_RECORD_HEADERS: Readonly<Record<ResidentRecordColumn, readonly string[]>> = {
  householdId: ["世帯番号", "世帯コード", "世帯No", "世帯ID"],
  name: ["氏名", "名前", "氏名漢字", "漢字氏名", "住民氏名"],
  kana: ["氏名カナ", "カナ氏名", "フリガナ", "ふりがな", "氏名ふりがな", "氏名フリガナ", "カナ"],
  birthDate: ["生年月日"],
  sex: ["性別"],
  relationship: ["続柄", "世帯主との続柄"],
  residentCode: ["住民票コード"],
  address: ["住所", "現住所"],
  addressBuilding: ["方書", "方書き", "建物名"],
  head: ["世帯主", "世帯主氏名", "世帯主名"],
  domicileAddress: ["本籍", "本籍地"],
  domicileHead: ["筆頭者", "筆頭者氏名"],
};

/** Without these a row is no person the counter can put on a form. */
const REQUIRED_COLUMNS: readonly ResidentRecordColumn[] = ["name", "birthDate"];

/** A file is one visit's households, not the register: more rows than this is a wrong export. */
export const MAX_RESIDENT_RECORD_ROWS = 200;

const MAX_CELL = 200;

/** What is wrong with the file, by line and column — never the cell's value (it is personal data). */
export type ResidentRecordIssue =
  | { readonly code: "no_header" | "no_rows" | "too_many_rows" }
  | { readonly code: "missing_column"; readonly column: ResidentRecordColumn }
  | { readonly code: "duplicate_column"; readonly header: string }
  | { readonly code: "required" | "invalid_date" | "invalid_sex" | "invalid_resident_code" | "too_long" | "household_disagrees"; readonly line: number; readonly header: string };

export interface ResidentRecordFile {
  readonly households: readonly ResidentRecordHousehold[];
  /** Headers of the file that are none of the counter's columns (shown, so staff see what was left aside). */
  readonly ignoredHeaders: readonly string[];
}

const headerKey = (header: string): string => header.normalize("NFKC").replace(/[\s()（）［］[\]「」・]/g, "");

/** More header names per column, as a municipality's system writes them (`config/resident-record-headers.json`). */
export type ResidentRecordHeaders = Readonly<Partial<Record<ResidentRecordColumn, readonly string[]>>>;

const HeaderNames = Schema.Array(Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(50))).check(Schema.isMaxLength(20));
const ResidentRecordHeadersSchema = Schema.Struct(Object.fromEntries(RESIDENT_RECORD_COLUMNS.map((c) => [c, Schema.optionalKey(HeaderNames)])) as Record<ResidentRecordColumn, Schema.optionalKey<typeof HeaderNames>>);
const formatIssues = SchemaIssue.makeFormatterStandardSchemaV1();

/**
 * Decodes a municipality's extra header names (C5: its resident-records system's export, without a code change).
 * Refused: an unknown column, a name that is not text, and a name that would mean two columns (its own or a built-in
 * one) — the issues say where, for the start to stop with them.
 */
export const decodeResidentRecordHeaders = (input: unknown): Result<ResidentRecordHeaders, readonly string[]> => {
  const decoded = Schema.decodeUnknownResult(ResidentRecordHeadersSchema)(input, { errors: "all", onExcessProperty: "error" });
  if (EffectResult.isFailure(decoded)) {
    return err(formatIssues(decoded.failure.issue).issues.map((i) => `${(i.path ?? []).map((p) => String(typeof p === "object" ? p.key : p)).join(".") || "(file)"}: ${i.message}`));
  }
  const headers = decoded.success as ResidentRecordHeaders;
  const clashes = [...columnOfHeader(headers).clashes].map(([name, columns]) => `"${name}" would mean ${columns.join(" and ")}`);
  return clashes.length > 0 ? err(clashes) : ok(headers);
};

/** Header (normalised) → column, built-in names first; `clashes` lists a name given to two columns. */
const columnOfHeader = (extra: ResidentRecordHeaders) => {
  const map = new Map<string, ResidentRecordColumn>();
  const clashes = new Map<string, ResidentRecordColumn[]>();
  for (const column of RESIDENT_RECORD_COLUMNS) {
    for (const name of [...RESIDENT_RECORD_HEADERS[column], ...(extra[column] ?? [])]) {
      const key = headerKey(name);
      const known = map.get(key);
      if (known !== undefined && known !== column) clashes.set(name, [known, column]);
      else map.set(key, column);
    }
  }
  return { map: map as ReadonlyMap<string, ResidentRecordColumn>, clashes };
};

/**
 * Decodes the rows of a resident-records export (its first row the header) into households. Every problem
 * is reported at once, by line and header, so staff can fix the export or choose another; a file with any
 * problem gives no household (a half-read household would put a wrong person on the form).
 */
export const decodeResidentRecords = (rows: readonly (readonly string[])[], headers: ResidentRecordHeaders = {}): Result<ResidentRecordFile, readonly ResidentRecordIssue[]> => {
  const [header, ...body] = rows;
  if (header === undefined || header.every((h) => h.trim() === "")) return err([{ code: "no_header" }]);
  const columns = columnsOf(header, columnOfHeader(headers).map);
  if (columns.isErr()) return err(columns.error);
  const { at, ignoredHeaders } = columns.value;
  const records = body.map((cells, i) => ({ cells, line: i + 2 })).filter((r) => r.cells.some((c) => c.trim() !== ""));
  if (records.length === 0) return err([{ code: "no_rows" }]);
  if (records.length > MAX_RESIDENT_RECORD_ROWS) return err([{ code: "too_many_rows" }]);

  const issues: ResidentRecordIssue[] = [];
  const decoded = records.map(({ cells, line }) => decodeRow(cells, line, at, header, issues));
  const households = groupHouseholds(decoded, at, header, issues);
  return issues.length > 0 ? err(issues) : ok({ households, ignoredHeaders });
};

type ColumnIndex = Readonly<Partial<Record<ResidentRecordColumn, number>>>;

const columnsOf = (header: readonly string[], columnOf: ReadonlyMap<string, ResidentRecordColumn>): Result<{ readonly at: ColumnIndex; readonly ignoredHeaders: readonly string[] }, readonly ResidentRecordIssue[]> => {
  const at: Partial<Record<ResidentRecordColumn, number>> = {};
  const issues: ResidentRecordIssue[] = [];
  const ignoredHeaders: string[] = [];
  header.forEach((h, i) => {
    const column = columnOf.get(headerKey(h));
    if (column === undefined) {
      if (h.trim() !== "") ignoredHeaders.push(oneLineText(h).slice(0, 50));
    } else if (at[column] !== undefined) issues.push({ code: "duplicate_column", header: oneLineText(h).slice(0, 50) });
    else at[column] = i;
  });
  for (const column of REQUIRED_COLUMNS) if (at[column] === undefined) issues.push({ code: "missing_column", column });
  return issues.length > 0 ? err(issues) : ok({ at, ignoredHeaders });
};

interface DecodedRow {
  readonly person: ResidentRecordPerson | null;
  readonly line: number;
  readonly text: (column: ResidentRecordColumn) => string | null;
}

const decodeRow = (cells: readonly string[], line: number, at: ColumnIndex, header: readonly string[], issues: ResidentRecordIssue[]): DecodedRow => {
  const headerOf = (column: ResidentRecordColumn): string => oneLineText(header[at[column] ?? -1] ?? column);
  const problem = (column: ResidentRecordColumn, code: "required" | "invalid_date" | "invalid_sex" | "invalid_resident_code" | "too_long"): null => {
    issues.push({ code, line, header: headerOf(column) });
    return null;
  };
  const text = (column: ResidentRecordColumn): string | null => {
    const index = at[column];
    const value = index === undefined ? "" : oneLineText(cells[index] ?? "");
    return value === "" ? null : value;
  };
  const bounded = (column: ResidentRecordColumn): string | null => {
    const value = text(column);
    return value !== null && [...value].length > MAX_CELL ? problem(column, "too_long") : value;
  };
  const before = issues.length;
  const name = bounded("name") ?? problem("name", "required");
  const birth = text("birthDate");
  const birthDate = birth === null ? problem("birthDate", "required") : parseJapaneseDate(birth).unwrapOr(null) ?? problem("birthDate", "invalid_date");
  const sexText = text("sex");
  const sex = sexText === null ? null : (SEX.get(toHalfWidthAscii(sexText)) ?? problem("sex", "invalid_sex"));
  const codeText = text("residentCode");
  const residentCode = codeText === null ? null : residentCodeOf(codeText) ?? problem("residentCode", "invalid_resident_code");
  const kana = bounded("kana");
  const relationship = bounded("relationship");
  for (const column of ["address", "addressBuilding", "head", "domicileAddress", "domicileHead", "householdId"] as const) bounded(column);
  const person = issues.length > before || name === null || birthDate === null ? null : { line, name, kana, birthDate, sex: sex ?? null, relationship, residentCode };
  return { person, line, text };
};

/** 性別 as the systems export it: the word, or the code of 住基ネット (1 男, 2 女). */
const SEX: ReadonlyMap<string, "男" | "女"> = new Map([
  ["男", "男"],
  ["男性", "男"],
  ["1", "男"],
  ["女", "女"],
  ["女性", "女"],
  ["2", "女"],
]);

/** 住民票コード: 11 digits, the last a check digit (modulus 11, weights 2–7 from the right; 10 and 11 give 0). */
export const residentCodeOf = (text: string): string | null => {
  const digits = toHalfWidthAscii(text).replace(/[\s-]/g, "");
  if (!/^\d{11}$/.test(digits)) return null;
  const body = [...digits.slice(0, 10)].map(Number).reverse();
  const sum = body.reduce((s, d, i) => s + d * ((i % 6) + 2), 0);
  const remainder = sum % 11;
  const check = remainder <= 1 ? 0 : 11 - remainder;
  return check === Number(digits[10]) ? digits : null;
};

/** The 続柄 a head of household is written with in the register. */
const HEAD_RELATIONSHIPS: ReadonlySet<string> = new Set(["世帯主", "本人"]);

const groupHouseholds = (rows: readonly DecodedRow[], at: ColumnIndex, header: readonly string[], issues: ResidentRecordIssue[]): ResidentRecordHousehold[] => {
  const byId = new Map<string, DecodedRow[]>();
  for (const row of rows) {
    const id = row.text("householdId") ?? "";
    byId.set(id, [...(byId.get(id) ?? []), row]);
  }
  return [...byId.entries()].map(([id, members]) => {
    // A household's address, head and 本籍 are one: rows that state them differently are a wrong export.
    const shared = (column: ResidentRecordColumn, value: (row: DecodedRow) => string | null): string | null => {
      const stated = members.map((m) => ({ line: m.line, value: value(m) })).filter((s): s is { line: number; value: string } => s.value !== null);
      const first = stated[0];
      const disagreeing = stated.find((s) => s.value !== first?.value);
      if (disagreeing !== undefined) issues.push({ code: "household_disagrees", line: disagreeing.line, header: oneLineText(header[at[column] ?? -1] ?? column) });
      return first?.value ?? null;
    };
    const address = shared("address", (m) => addressOf(m.text("address"), m.text("addressBuilding")));
    const headByRelationship = members.find((m) => m.person !== null && HEAD_RELATIONSHIPS.has(m.person.relationship ?? ""))?.person?.name ?? null;
    const head = shared("head", (m) => m.text("head")) ?? headByRelationship;
    return {
      id: id === "" ? null : id,
      address,
      head,
      domicileAddress: shared("domicileAddress", (m) => m.text("domicileAddress")),
      domicileHead: shared("domicileHead", (m) => m.text("domicileHead")),
      persons: members.flatMap((m) => (m.person === null ? [] : [m.person])),
    };
  });
};

/** 住所 and 方書 (the building and room) as one line, as the form writes an address. */
const addressOf = (address: string | null, building: string | null): string | null =>
  address === null ? building : building === null ? address : `${address} ${building}`;
