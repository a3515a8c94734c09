import type { ResultAsync } from "neverthrow";
import type { AuditEntryDraft } from "../audit/audit-entry.ts";
import type { AdapterMeta } from "../shared/adapter-meta.ts";
import type { IsoDate } from "../shared/japanese/iso-date.ts";
import type { StorageError } from "../shared/storage.errors.ts";
import type { CounterDocumentInfo, CounterRecord } from "./counter-record.ts";

/** Contract id of {@link CounterRecordStore} (`describeCounterRecordStoreContract` in `@madoguchi/conformance/counter-record-store`). */
export const COUNTER_RECORD_STORE_CONTRACT = "counter-record-store@1" as const;

/** A document to keep, with its PDF. */
export interface NewCounterDocument extends CounterDocumentInfo {
  readonly pdf: Uint8Array;
}

/**
 * Where the counter's records are kept (C8): the printed form and the scanned papers as PDF, with the
 * record's summary. Everything personal — the summary and every PDF — is encrypted at rest with a data key of
 * the record's own, so deleting the record (its wrapped key with it) is a cryptographic erase of every copy.
 * Every write appends its audit entries in the same transaction.
 */
export interface CounterRecordStore {
  readonly meta: AdapterMeta;
  /**
   * Keeps a new record whose only document is `form` (the printed form; the record's own `documents` are not
   * read). `conflict` when the id or the confirmation number exists: nothing is kept or appended then.
   */
  create(record: Omit<CounterRecord, "documents">, form: NewCounterDocument, audit: readonly AuditEntryDraft[]): ResultAsync<void, StorageError>;
  /**
   * Adds a document after the record's others; false when there is no such record, `conflict` when the record
   * has a document with that id (nothing appended in either case).
   */
  attach(recordId: string, document: NewCounterDocument, audit: readonly AuditEntryDraft[]): ResultAsync<boolean, StorageError>;
  /**
   * C6: replaces the 窓口メモ of the record's summary (sealed as the summary is), the rest of the record untouched;
   * false when there is no such record (nothing appended then).
   */
  changeMemo(recordId: string, memo: string, audit: readonly AuditEntryDraft[]): ResultAsync<boolean, StorageError>;
  /** The record with its summary and documents' infos, or null. */
  get(id: string): ResultAsync<CounterRecord | null, StorageError>;
  /**
   * Records created in `[from, to)`, the newest first (ties: the greater id first), at most `limit`; with the summaries (decrypted), so that
   * the caller can match names, which are never stored in the clear.
   */
  list(query: { readonly from: Date; readonly to: Date; readonly limit: number }): ResultAsync<readonly CounterRecord[], StorageError>;
  /** A document's PDF, or null when the record or the document is not there. */
  readDocument(recordId: string, documentId: string): ResultAsync<Uint8Array | null, StorageError>;
  /**
   * Deletes for good the records whose `keepUntil` is before `today` (the oldest first, at most `limit`), with
   * their documents and wrapped keys, appending `audit(record)` for each in the same transaction. Answers the
   * ids deleted.
   */
  purgeExpired(today: IsoDate, limit: number, audit: (record: { readonly id: string; readonly keepUntil: IsoDate }) => AuditEntryDraft): ResultAsync<readonly string[], StorageError>;
  healthCheck(): ResultAsync<void, StorageError>;
}
