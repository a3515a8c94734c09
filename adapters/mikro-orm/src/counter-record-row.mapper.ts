import { Schema } from "effect";
import { NOTIFICATION_KINDS, type CounterDocumentInfo, type CounterRecord } from "@madoguchi/core";
import { decodeCounterSummary, encodeCounterSummary } from "./counter-summary.codec.ts";
import { openPart, sealPart, type SealedPart } from "./personal-data-cipher.ts";

/** KeyStore context of a record's data key (bound into its wrapping), and the record every seal of it names. */
export const counterKeyContext = (recordId: string): string => `counter-record:${recordId}`;

const summaryAt = (recordId: string, keyVersion: number): SealedPart => ({ record: counterKeyContext(recordId), part: "summary", keyVersion });
const documentAt = (recordId: string, documentId: string, keyVersion: number): SealedPart => ({
  record: counterKeyContext(recordId),
  part: `document:${documentId}`,
  keyVersion,
});

/** PostgreSQL answers bigint columns as strings, SQLite as numbers. */
const Integer = Schema.Union([Schema.Number, Schema.String]);
/** bytea and blob columns arrive as Buffers; anything else fails the decode. */
const Bytes = Schema.declare((u: unknown): u is Uint8Array => u instanceof Uint8Array);

/** The columns of `counter_records` a record is read from, in the order `create` writes them. */
export const RECORD_COLUMNS = "id, confirmation_number, kind, created_at_ms, created_by, keep_until, key_version, wrapped_key, sealed_summary";
const RecordRow = Schema.Struct({
  id: Schema.String,
  confirmation_number: Schema.String,
  kind: Schema.Literals(NOTIFICATION_KINDS),
  created_at_ms: Integer,
  created_by: Schema.String,
  keep_until: Schema.String,
  key_version: Integer,
  wrapped_key: Bytes,
  sealed_summary: Bytes,
});
/** A record row as read. */
export type CounterRecordRow = typeof RecordRow.Type;
const decodeRecordRow = Schema.decodeUnknownSync(RecordRow);

/**
 * Decodes with `decode`, or `null` when the row is not of that shape (a hand-edited or damaged row fails closed).
 * The error is dropped: it would quote the row's values.
 */
const orNull =
  <T>(decode: (raw: unknown) => T) =>
  (raw: unknown): T | null => {
    try {
      return decode(raw);
    } catch {
      return null;
    }
  };

/** A record row, checked; `null` when it is not one. */
export const recordRowOf = orNull(decodeRecordRow);

/** The columns of `counter_documents` a document's info is read from (not its PDF: it is large, and read alone). */
export const DOCUMENT_INFO_COLUMNS = "record_id, id, kind, title, added_at_ms, added_by, byte_length";
const DocumentInfoRow = Schema.Struct({
  record_id: Schema.String,
  id: Schema.String,
  kind: Schema.Literals(["form", "scan"]),
  title: Schema.String,
  added_at_ms: Integer,
  added_by: Schema.String,
  byte_length: Integer,
});
const decodeDocumentInfoRow = Schema.decodeUnknownSync(DocumentInfoRow);

/** A document row as its info, with the record it belongs to (a page's documents come in one query); `null` when it is not one. */
export const documentInfoOf = orNull((raw: unknown): { readonly recordId: string; readonly info: CounterDocumentInfo } => {
  const r = decodeDocumentInfoRow(raw);
  return {
    recordId: r.record_id,
    info: { id: r.id, kind: r.kind, title: r.title, addedAt: new Date(Number(r.added_at_ms)), addedBy: r.added_by, byteLength: Number(r.byte_length) },
  };
});

/** What opening a document takes: its record's wrapped key and the sealed PDF (`r` = the record, `d` = the document). */
export const DOCUMENT_PDF_COLUMNS = "r.key_version, r.wrapped_key, d.sealed_pdf";
const DocumentPdfRow = Schema.Struct({ key_version: Integer, wrapped_key: Bytes, sealed_pdf: Bytes });

/** A document's sealed PDF with its record's key; `null` when the row is not one. */
export const documentPdfRowOf = orNull(Schema.decodeUnknownSync(DocumentPdfRow));

/** The summary sealed under the record's data key. */
export const sealSummary = (dataKey: Uint8Array, record: Pick<CounterRecord, "id" | "summary">, keyVersion: number): Uint8Array =>
  sealPart(dataKey, summaryAt(record.id, keyVersion), encodeCounterSummary(record.summary));

/** A document's PDF sealed under its record's data key, bound to the document's id. */
export const sealDocument = (dataKey: Uint8Array, recordId: string, documentId: string, keyVersion: number, pdf: Uint8Array): Uint8Array =>
  sealPart(dataKey, documentAt(recordId, documentId, keyVersion), pdf);

/** A document's PDF; `null` when the ciphertext is not this document's (moved, tampered, other key). */
export const openDocument = (dataKey: Uint8Array, recordId: string, documentId: string, keyVersion: number, sealed: Uint8Array): Uint8Array | null =>
  openPart(dataKey, documentAt(recordId, documentId, keyVersion), sealed);

/** The record from its row, its documents' infos and its unwrapped data key; `null` when the summary does not open or read. */
export const recordOf = (row: CounterRecordRow, documents: readonly CounterDocumentInfo[], dataKey: Uint8Array): CounterRecord | null => {
  const opened = openPart(dataKey, summaryAt(row.id, Number(row.key_version)), row.sealed_summary);
  const summary = opened === null ? null : decodeCounterSummary(opened);
  if (summary === null) return null;
  return {
    id: row.id,
    confirmationNumber: row.confirmation_number,
    kind: row.kind,
    createdAt: new Date(Number(row.created_at_ms)),
    createdBy: row.created_by,
    keepUntil: row.keep_until,
    summary,
    documents,
  };
};
