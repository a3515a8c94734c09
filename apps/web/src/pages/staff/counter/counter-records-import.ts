import { residentRecordsIntoDraft, type NotificationKind, type ResidenceNotificationDraft, type ResidentRecordHousehold } from "@madoguchi/core";
import type { ApiError } from "../../../api-result.ts";
import type { Locale } from "../../../i18n/locale.ts";
import { recordsImportMessages } from "./counter-records-import-messages.ts";

/**
 * The pure parts of the panel 住民記録から入力 (C5): the API's answer, which households to offer, what an import
 * put into the draft and how the page says it. The draft changes only through core's `residentRecordsIntoDraft`.
 */

/** The encodings staff can ask the server to read the file in; `auto` lets it tell UTF-8 from Shift_JIS. */
export const RECORDS_ENCODINGS = ["auto", "utf-8", "shift_jis"] as const;
export type RecordsEncodingChoice = (typeof RECORDS_ENCODINGS)[number];
/** The encoding the server actually read the file in. */
export type RecordsEncoding = Exclude<RecordsEncodingChoice, "auto">;

/** The file input's `accept`. Excel and some systems give a CSV another type, so the extension counts too. */
export const RECORDS_ACCEPT = ".csv,text/csv";
/** Sent whatever type the browser guessed: the server takes the body as CSV and checks it row by row. */
export const RECORDS_CONTENT_TYPE = "text/csv";
/** The server's limit (1 MB): a bigger file is refused here, before its bytes of personal data travel. */
export const MAX_RECORDS_FILE_BYTES = 1024 * 1024;

/** `POST /api/staff/counter/resident-records`: the file's households, decoded and checked. */
export interface ResidentRecordsAnswer {
  readonly encoding: RecordsEncoding;
  readonly households: readonly ResidentRecordHousehold[];
  /** Headers of the file the counter does not read (blank ones aside), shown so staff know what was left aside. */
  readonly ignoredHeaders: readonly string[];
}

/** The upload's query: the encoding chosen (the server's default is `auto`, sent anyway so the request says it). */
export const recordsQuery = (encoding: RecordsEncodingChoice): string => `?${new URLSearchParams({ encoding }).toString()}`;

/** Whether the records can fill a draft of this kind: a 転入's residents are not in this municipality's records yet. */
export const recordsFitKind = (kind: NotificationKind): boolean => kind !== "tennyu";

/** An encoding's name as staff know it from their export settings. */
export const encodingName = (encoding: RecordsEncoding): string => (encoding === "utf-8" ? "UTF-8" : "Shift_JIS");

/**
 * What follows a read: one household goes into the draft at once; from several, staff choose the one at the
 * counter (putting in the wrong family would be worse than a click). None only from a server that breaks its word.
 */
export type RecordsNext =
  | { readonly kind: "apply"; readonly household: ResidentRecordHousehold }
  | { readonly kind: "choose"; readonly households: readonly ResidentRecordHousehold[] }
  | { readonly kind: "none" };

export const nextAfterRead = (answer: ResidentRecordsAnswer): RecordsNext => {
  const [first, ...others] = answer.households;
  if (first === undefined) return { kind: "none" };
  return others.length === 0 ? { kind: "apply", household: first } : { kind: "choose", households: answer.households };
};

/** A household in one line, to tell it from the file's others: 世帯番号, head, number of persons. */
export const householdLabel = (household: ResidentRecordHousehold, locale: Locale): string =>
  recordsImportMessages[locale].household(household.id, household.head, household.persons.length);

/** What an import did, for the status line. */
export interface RecordsApplied {
  /** Persons put in, added or completing the same person already on the draft. */
  readonly put: number;
  /** Persons beyond the form's rows: they need a second notification. */
  readonly leftOut: number;
  readonly ignoredHeaders: readonly string[];
  readonly encoding: RecordsEncoding;
}

export type RecordsApplyOutcome =
  | { readonly ok: true; readonly draft: ResidenceNotificationDraft; readonly applied: RecordsApplied }
  | { readonly ok: false; readonly reason: "not_for_moving_in" };

/** The household put into the draft as it is now (core fills only its gaps), with what to tell staff. */
export const applyHousehold = (
  draft: ResidenceNotificationDraft,
  household: ResidentRecordHousehold,
  file: Pick<ResidentRecordsAnswer, "ignoredHeaders" | "encoding">,
): RecordsApplyOutcome => {
  const result = residentRecordsIntoDraft(draft, household);
  if (result.isErr()) return { ok: false, reason: "not_for_moving_in" };
  const { personsLeftOut } = result.value;
  const applied = { put: household.persons.length - personsLeftOut, leftOut: personsLeftOut, ignoredHeaders: file.ignoredHeaders, encoding: file.encoding };
  return { ok: true, draft: result.value.draft, applied };
};

/** The status after an import: 「8 人を入れました。1 人は用紙に入りません（2 枚目の届出が必要）。…」 */
export const appliedText = (applied: RecordsApplied, locale: Locale): string => {
  const m = recordsImportMessages[locale];
  return [
    m.put(applied.put),
    applied.leftOut > 0 ? m.leftOut(applied.leftOut) : null,
    m.readAs(encodingName(applied.encoding)),
    applied.ignoredHeaders.length > 0 ? m.ignoredHeaders(applied.ignoredHeaders) : null,
  ]
    .filter((part) => part !== null)
    .join(locale === "ja" ? "" : " ");
};

/** A refusal as the panel shows it: the server's message, and one line per problem of the file. */
export interface RecordsProblem {
  readonly message: string;
  readonly issues: readonly string[];
}

/**
 * The server's words for a refused file. Its issues are unchecked JSON: only their messages (already localised
 * by the server, naming row and column, never a cell) are kept. A 413 comes from the body parser with a generic
 * text, so the page says why itself.
 */
export const recordsProblem = (error: ApiError, locale: Locale): RecordsProblem => {
  const m = recordsImportMessages[locale];
  if (error.status === 413) return { message: m.fileTooLarge, issues: [] };
  const message = error.message ?? (error.status === 0 ? m.networkError : m.unexpectedError);
  return { message, issues: issueMessages(error.issues ?? []) };
};

const issueMessages = (sent: readonly unknown[]): readonly string[] =>
  sent.flatMap((issue) => {
    if (typeof issue !== "object" || issue === null) return [];
    const message = (issue as Record<string, unknown>)["message"];
    return typeof message === "string" && message !== "" ? [message] : [];
  });
