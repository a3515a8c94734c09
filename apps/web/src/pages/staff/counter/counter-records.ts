import {
  formatWareki,
  isoToWareki,
  NOTIFICATION_KIND_LABELS,
  parseJapaneseDate,
  type CounterDocumentInfo,
  type CounterDocumentKind,
  type CounterRecord,
  type Localized,
} from "@madoguchi/core";
import { formatIsoDate } from "../../../format.ts";
import type { Locale } from "../../../i18n/locale.ts";
import type { ScanContentType } from "./counter-draft.ts";

/**
 * The pure parts of the counter's kept records (C8, C9): the API's shapes, the search's query, the record's paths,
 * and how dates, sizes and titles are shown. The pages (`counter-records-page.tsx`, `counter-record-page.tsx`,
 * `counter-keep-panel.tsx`) only render these.
 */

/** A kept document as the API answers it (`addedAt` an ISO instant). */
export type CounterDocumentView = Omit<CounterDocumentInfo, "addedAt"> & { readonly addedAt: string };

/** Core's `CounterRecord` as the API answers it: ISO strings for its instants. */
export type CounterRecordView = Omit<CounterRecord, "createdAt" | "documents"> & {
  readonly createdAt: string;
  readonly documents: readonly CounterDocumentView[];
};

/** `GET /api/staff/counter/records`: the days searched (as the server took them), newest first, at most 100. */
export interface CounterRecordSearchAnswer {
  readonly from: string;
  readonly to: string;
  readonly records: readonly CounterRecordView[];
  /** More records matched, or the server looked through only the newest of the period: narrow the search. */
  readonly more: boolean;
}

/** The header of the print answer naming the record the printed form is kept as. */
export const RECORD_ID_HEADER = "X-Counter-Record-Id";

/** The records page. */
export const COUNTER_RECORDS_PATH = "/staff/counter/records";

/** A record's page. */
export const counterRecordPath = (id: string): string => `${COUNTER_RECORDS_PATH}/${encodeURIComponent(id)}`;

// ---------- The search (C9) ----------

/** The days a search may cover at most (the server's `MAX_SEARCH_DAYS`, both ends included). */
export const MAX_SEARCH_DAYS = 366;
/** The days the search covers unless staff choose others (the server's default too): today and the 29 before. */
export const DEFAULT_SEARCH_DAYS = 30;
/** The longest name (and keyword) and confirmation number the server takes. */
export const MAX_SEARCH_NAME_LENGTH = 50;
export const MAX_SEARCH_NUMBER_LENGTH = 30;

const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day that exists, written `YYYY-MM-DD` (2026-02-30 does not). */
export const isCalendarDay = (s: string): boolean => {
  if (!DAY.test(s)) return false;
  const at = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(at) && new Date(at).toISOString().startsWith(s);
};

/** The day `days` after (before, when negative) a calendar day. */
export const addDays = (day: string, days: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** Days from `from` to `to`, both included (1 for the same day). */
export const daysCovered = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;

/** The search form as typed. Dates are `YYYY-MM-DD` (the date inputs) or "", the birth date any notation core reads. */
export interface RecordSearchForm {
  readonly from: string;
  readonly to: string;
  readonly name: string;
  readonly birthDate: string;
  readonly number: string;
  /** Part of an address or of the 窓口メモ. */
  readonly keyword: string;
}

/** An empty search of the default period: the last 30 days up to `today` (Japan's day). */
export const defaultRecordSearch = (today: string): RecordSearchForm => ({ from: addDays(today, -(DEFAULT_SEARCH_DAYS - 1)), to: today, name: "", birthDate: "", number: "", keyword: "" });

/** What is wrong with a search, by the input it is fixed in. */
export type RecordSearchProblem =
  | { readonly field: "from" | "to"; readonly code: "invalid_date" }
  | { readonly field: "to"; readonly code: "before_from" }
  | { readonly field: "from"; readonly code: "too_long" }
  | { readonly field: "name" | "number" | "keyword"; readonly code: "too_long" }
  | { readonly field: "birthDate"; readonly code: "invalid_date" };

/** A search checked: the query to send, with the birth date as ISO — or what to fix. */
export type RecordSearchCheck = { readonly ok: true; readonly query: string; readonly birthDate: string | null } | { readonly ok: false; readonly problems: readonly RecordSearchProblem[] };

/**
 * Checks a search as the server would and builds its query: empty values left out (the server then takes its
 * defaults), the birth date read in any notation core reads (昭和55年4月1日, S55.4.1, 1980-04-01) and sent as ISO,
 * the period at most {@link MAX_SEARCH_DAYS} days with `from` not after `to`.
 */
export const checkRecordSearch = (form: RecordSearchForm): RecordSearchCheck => {
  const problems: RecordSearchProblem[] = [];
  const from = form.from.trim();
  const to = form.to.trim();
  const name = form.name.trim();
  const number = form.number.trim();
  const keyword = form.keyword.trim();
  const birthText = form.birthDate.trim();
  if (from !== "" && !isCalendarDay(from)) problems.push({ field: "from", code: "invalid_date" });
  if (to !== "" && !isCalendarDay(to)) problems.push({ field: "to", code: "invalid_date" });
  if (isCalendarDay(from) && isCalendarDay(to)) {
    if (to < from) problems.push({ field: "to", code: "before_from" });
    else if (daysCovered(from, to) > MAX_SEARCH_DAYS) problems.push({ field: "from", code: "too_long" });
  }
  if (name.length > MAX_SEARCH_NAME_LENGTH) problems.push({ field: "name", code: "too_long" });
  let birthDate: string | null = null;
  if (birthText !== "") {
    const iso = parseJapaneseDate(birthText);
    if (iso.isOk()) birthDate = iso.value;
    else problems.push({ field: "birthDate", code: "invalid_date" });
  }
  if (number.length > MAX_SEARCH_NUMBER_LENGTH) problems.push({ field: "number", code: "too_long" });
  if (keyword.length > MAX_SEARCH_NAME_LENGTH) problems.push({ field: "keyword", code: "too_long" });
  if (problems.length > 0) return { ok: false, problems };
  const params = new URLSearchParams();
  if (from !== "") params.set("from", from);
  if (to !== "") params.set("to", to);
  if (name !== "") params.set("name", name);
  if (birthDate !== null) params.set("birthDate", birthDate);
  if (number !== "") params.set("number", number);
  if (keyword !== "") params.set("keyword", keyword);
  return { ok: true, query: params.toString(), birthDate };
};

// ---------- Showing a record ----------

/** The kind of notification in words (core's label); a kind this page does not know yet as its code. */
export const notificationKindText = (kind: string, locale: Locale): string =>
  (NOTIFICATION_KIND_LABELS as Readonly<Record<string, Localized>>)[kind]?.[locale] ?? kind;

/**
 * A date of birth as kept (the form's value as staff confirmed it: ISO, or a 和暦 staff typed) in both calendars:
 * `昭和55年4月1日（1980年4月1日）`, `1 April 1980 (昭和55年4月1日)`. As kept when it is not a date; the 西暦 alone before 明治.
 */
export const birthDateText = (value: string, locale: Locale): string => {
  const iso = parseJapaneseDate(value);
  if (iso.isErr()) return value;
  const western = formatIsoDate(iso.value, locale);
  const wareki = isoToWareki(iso.value);
  if (wareki.isErr()) return western;
  const era = formatWareki(wareki.value, "kanji");
  return locale === "ja" ? `${era}（${western}）` : `${western} (${era})`;
};

/** A typed birth date as the search will send it, for staff to check (null when it is empty or not a date). */
export const birthDateReading = (text: string, locale: Locale): string | null => (text.trim() === "" || parseJapaneseDate(text).isErr() ? null : birthDateText(text, locale));

/** A document's size for people: `820 B`, `35 KB`, `1.2 MB`. */
export const formatByteSize = (bytes: number): string => {
  if (!Number.isFinite(bytes) || bytes < 0) return "—";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
};

/** The persons of a record by name, as the list shows them (`見本 太郎、見本 花子`); "—" when none has a name. */
export const personNames = (record: Pick<CounterRecordView, "summary">, locale: Locale): string => {
  const names = record.summary.persons.map((p) => p.name.trim()).filter((n) => n !== "");
  return names.length === 0 ? "—" : names.join(locale === "ja" ? "、" : ", ");
};

// ---------- Papers to keep with a record ----------

/** The longest title the server keeps for a paper (`転出証明書`, `委任状`). */
export const MAX_DOCUMENT_TITLE_LENGTH = 40;

/** What is wrong with a paper's title: none, too long, or with a line break or another control character. */
export const documentTitleProblem = (title: string): "missing" | "too_long" | "invalid" | null => {
  const t = title.trim();
  if (t === "") return "missing";
  if (t.length > MAX_DOCUMENT_TITLE_LENGTH) return "too_long";
  // The server refuses these too: a title is one line.
  return /[\u0000-\u001f\u007f]/.test(t) ? "invalid" : null;
};

/**
 * The title a scan read at the counter is kept under: the Japanese name of the kind of document it was read as
 * (`転出証明書`, from `GET /api/staff/counter`'s `documentKinds`) — the record's titles are read by every clerk in
 * the same words, whatever the language of the screen that kept it. The kind's code when the server names it not.
 */
export const defaultScanTitle = (kind: CounterDocumentKind | string, documentKinds: readonly { readonly kind: string; readonly name: Localized }[]): string =>
  (documentKinds.find((k) => k.kind === kind)?.name.ja ?? kind).slice(0, MAX_DOCUMENT_TITLE_LENGTH);

/** Titles offered while typing one (a `<datalist>`): the kinds of document the counter reads, and the usual other papers. */
export const documentTitleSuggestions = (documentKinds: readonly { readonly name: Localized }[]): readonly string[] => [
  ...new Set([...documentKinds.map((k) => k.name.ja), "委任状", "本人確認書類", "戸籍謄本", "住民票の写し"]),
];

/** A paper chosen to keep with a record: the file as it is, the type to send it as, and its title. */
export interface PaperToKeep {
  readonly file: Blob;
  readonly fileName: string;
  readonly contentType: ScanContentType;
  readonly title: string;
}

/** A scan read on the counter page for the draft: the file as chosen, and the kind of document it was read as. */
export interface ScanToKeep {
  readonly file: Blob;
  readonly fileName: string;
  readonly contentType: ScanContentType;
  readonly kind: string;
}

/** Where a paper of the keep panel stands. */
export type KeepStatus =
  | { readonly kind: "waiting" }
  | { readonly kind: "keeping" }
  | { readonly kind: "kept"; readonly documentId: string }
  | { readonly kind: "failed"; readonly message: string };

/** A paper of the keep panel: a scan read for the draft, or another paper added there. */
export interface KeepItem extends PaperToKeep {
  readonly key: string;
  readonly origin: "scan" | "added";
  /** Ticked: kept when staff press 保存する. */
  readonly selected: boolean;
  readonly status: KeepStatus;
}

/** The panel's papers after printing: every scan read for the draft, ticked, under its kind's name. */
export const keepItemsOf = (scans: readonly ScanToKeep[], documentKinds: readonly { readonly kind: string; readonly name: Localized }[]): readonly KeepItem[] =>
  scans.map((scan, i) => ({
    key: `scan-${i}`,
    file: scan.file,
    fileName: scan.fileName,
    contentType: scan.contentType,
    title: defaultScanTitle(scan.kind, documentKinds),
    origin: "scan",
    selected: true,
    status: { kind: "waiting" },
  }));

/** The papers 保存する sends: ticked and not kept yet (a failed one again). */
export const papersToSend = (items: readonly KeepItem[]): readonly KeepItem[] =>
  items.filter((i) => i.selected && i.status.kind !== "kept" && i.status.kind !== "keeping");

/** How a round of keeping went: the papers kept so far and those that failed. */
export const keepCounts = (items: readonly KeepItem[]): { readonly kept: number; readonly failed: number } => ({
  kept: items.filter((i) => i.status.kind === "kept").length,
  failed: items.filter((i) => i.status.kind === "failed").length,
});
