import type { CounterDocumentKind, CounterPhrase, KanjiSearchResult, RelatedFormId, ResidenceNotificationDraft } from "@madoguchi/core";
import { requestDownload, requestFileByPost, requestJson, requestUpload } from "../../../api.ts";
import type { Locale } from "../../../i18n/locale.ts";
import { scanQuery, type CounterSetup, type ScanContentType, type ScanRead } from "./counter-draft.ts";
import type { CounterPhrasesAnswer } from "./counter-phrases.ts";
import { RECORDS_CONTENT_TYPE, recordsQuery, type RecordsEncodingChoice, type ResidentRecordsAnswer } from "./counter-records-import.ts";
import type { CounterDocumentView, CounterRecordSearchAnswer, CounterRecordView } from "./counter-records.ts";
import { reportQuery, type CounterReportAnswer } from "./counter-report.ts";

/** Reading a page takes the OCR a few seconds, more on a busy machine: far beyond the usual 30 s would be a fault. */
const READ_TIMEOUT_MS = 180_000;
/** Keeping a paper turns it into a PDF on the server (a TIFF of many pages, a large photo): more than a plain request. */
const KEEP_TIMEOUT_MS = 120_000;

const recordUrl = (recordId: string): string => `/api/staff/counter/records/${encodeURIComponent(recordId)}`;

/** The counter's endpoints (permission `counter.use`, staff listener). */
export const counterApi = (locale: Locale) => ({
  setup: (signal: AbortSignal) => requestJson<CounterSetup>("GET", "/api/staff/counter", { locale, signal }),
  /** The scan's bytes as they are; the answer's messages come back in `locale`. */
  read: (file: Blob, contentType: ScanContentType, choice: { readonly templateId: string | null; readonly fallbackKind: CounterDocumentKind | null }, csrfToken: string) =>
    requestUpload<ScanRead>(`/api/staff/counter/scans${scanQuery(choice)}`, file, contentType, { locale, csrfToken, timeoutMs: READ_TIMEOUT_MS }),
  /**
   * C5: the CSV the resident-records system exported for the household at the counter (its bytes as they are),
   * answered as households; 422 `counter.records_invalid` with one localised message per problem of the file.
   * Audited by the server; nothing is kept.
   */
  readRecords: (file: Blob, encoding: RecordsEncodingChoice, csrfToken: string, signal?: AbortSignal) =>
    requestUpload<ResidentRecordsAnswer>(`/api/staff/counter/resident-records${recordsQuery(encoding)}`, file, RECORDS_CONTENT_TYPE, {
      locale,
      csrfToken,
      ...(signal ? { signal } : {}),
    }),
  /**
   * The 住民異動届 as a PDF, with its confirmation number in `X-Confirmation-Number` and the record it is kept as
   * in `X-Counter-Record-Id`.
   */
  print: (draft: ResidenceNotificationDraft, csrfToken: string) =>
    requestFileByPost("/api/staff/counter/notifications/pdf", { locale, csrfToken, body: { draft }, accept: "application/pdf" }),
  /** C9: the records of a period whose persons match (`query` from `checkRecordSearch`). Audited by the server. */
  searchRecords: (query: string, signal?: AbortSignal) =>
    requestJson<CounterRecordSearchAnswer>("GET", `/api/staff/counter/records${query === "" ? "" : `?${query}`}`, { locale, ...(signal ? { signal } : {}) }),
  /** One record with its documents' list (not their PDFs). Audited by the server. */
  record: (recordId: string, signal: AbortSignal) => requestJson<{ readonly record: CounterRecordView }>("GET", recordUrl(recordId), { locale, signal }),
  /** C8: a paper scanned for the record (its bytes as they are), kept as PDF under `title`. */
  keepDocument: (recordId: string, file: Blob, contentType: ScanContentType, title: string, csrfToken: string) =>
    requestUpload<{ readonly document: CounterDocumentView }>(`${recordUrl(recordId)}/documents?${new URLSearchParams({ title }).toString()}`, file, contentType, {
      locale,
      csrfToken,
      timeoutMs: KEEP_TIMEOUT_MS,
    }),
  /** C6: the record's 窓口メモ replaced (trimmed by the server); answers the record as kept. Audited without the text. */
  changeMemo: (recordId: string, memo: string, csrfToken: string) =>
    requestJson<{ readonly record: CounterRecordView }>("PUT", `${recordUrl(recordId)}/memo`, { locale, csrfToken, body: { memo } }),
  /** A kept document's PDF (fetched, not linked: a refusal comes back as a message, not as a saved file). Audited. */
  document: (recordId: string, documentId: string) => requestDownload(`${recordUrl(recordId)}/documents/${encodeURIComponent(documentId)}`, { locale }),
  /**
   * C7: a related form (住民票の写し等交付請求書, 印鑑登録申請書) as a PDF, from the draft as it was printed, `person` (an
   * index of its persons) applying; printed with the record's confirmation number and kept with the record.
   */
  relatedForm: (recordId: string, formId: RelatedFormId, draft: ResidenceNotificationDraft, person: number, csrfToken: string) =>
    requestFileByPost(`${recordUrl(recordId)}/forms/${encodeURIComponent(formId)}`, { locale, csrfToken, body: { draft, person }, accept: "application/pdf" }),
  /** C13: the counter's report of a month (`YYYY-MM`, Japan's calendar): counts and times only, no personal data. */
  report: (month: string, signal: AbortSignal) => requestJson<CounterReportAnswer>("GET", `/api/staff/counter/report?${reportQuery(month)}`, { locale, signal }),
  /** C6: the registered phrases, with the version a change is made against. */
  phrases: (signal: AbortSignal) => requestJson<CounterPhrasesAnswer>("GET", "/api/staff/counter/phrases", { locale, signal }),
  /** C6: the whole list replaced; 409 `counter.phrases_conflict` when someone changed it since `expectedVersion`. */
  savePhrases: (phrases: readonly CounterPhrase[], expectedVersion: number, csrfToken: string) =>
    requestJson<CounterPhrasesAnswer>("PUT", "/api/staff/counter/phrases", { locale, csrfToken, body: { phrases, expectedVersion } }),
  /**
   * C6 漢字検索: the characters of a reading (kana) or related to one character; 400 `kanji.invalid_query` with the
   * server's words when the query is neither (or empty, too long, not in the dictionary).
   */
  kanji: (q: string, signal: AbortSignal) => requestJson<KanjiSearchResult>("GET", `/api/staff/counter/kanji?q=${encodeURIComponent(q)}`, { locale, signal }),
});

/** The header the printed form's confirmation number comes in. */
export const CONFIRMATION_HEADER = "X-Confirmation-Number";
