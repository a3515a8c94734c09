import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import {
  COUNTER_RECORD_STORE_CONTRACT,
  storageError,
  type AuditEntryDraft,
  type CounterRecord,
  type CounterRecordStore,
  type NewCounterDocument,
  type StorageError,
} from "@madoguchi/core";
import { appendAudit } from "./memory-audit-log-store.ts";
import { closedError, conflictError } from "./memory-errors.ts";
import { copy, type MemoryState } from "./memory-state.ts";

/** A kept record: its data without documents, and its documents with their PDFs, oldest first. */
interface KeptRecord {
  /** Replaced whole when its memo changes (C6). */
  record: Omit<CounterRecord, "documents">;
  readonly documents: NewCounterDocument[];
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A limit as a count: a whole number, never negative (`slice` would read a negative one from the end). */
const rowLimit = (limit: number): number => Math.max(0, Math.floor(limit));

/** The record as the port answers it: the documents' infos, not their PDFs. */
const answer = (kept: KeptRecord): CounterRecord => copy({ ...kept.record, documents: kept.documents.map(({ pdf: _, ...info }) => info) });

/**
 * The reference {@link CounterRecordStore}: the records beside the shared memory state, whose audit log each
 * write appends to. Every check comes before the first change and the drafts are sealed first, so a refused
 * or failed call leaves both unchanged, as a rolled-back transaction would; JavaScript does not interleave the
 * step. Nothing is encrypted: nothing reaches disk. Newest first means `createdAt` descending, then the id
 * descending; oldest keep-until first means `keepUntil` then the id, ascending — as the SQL adapter orders.
 */
export const memoryCounterRecordStore = (state: MemoryState): CounterRecordStore => {
  const kept = new Map<string, KeptRecord>();
  /** confirmation number → record id */
  const byConfirmationNumber = new Map<string, string>();
  const guard = <T>(operation: string, f: () => ResultAsync<T, StorageError>): ResultAsync<T, StorageError> =>
    state.closed ? errAsync(closedError(operation)) : f();
  /** Appends the drafts, or the error that stopped it (nothing appended then). */
  const audited = (operation: string, drafts: readonly AuditEntryDraft[]): StorageError | null => {
    try {
      appendAudit(state, drafts);
      return null;
    } catch (e) {
      return storageError(operation, "unknown", "the audit entries could not be appended", e);
    }
  };

  return {
    meta: { contract: COUNTER_RECORD_STORE_CONTRACT, name: "memory", capabilities: new Set() },

    create: (record, form, audit) =>
      guard("counter-record-store.create", () => {
        const op = "counter-record-store.create";
        if (kept.has(record.id)) return errAsync(conflictError(op, "counter record id"));
        if (byConfirmationNumber.has(record.confirmationNumber)) return errAsync(conflictError(op, "confirmation number"));
        const failed = audited(op, audit);
        if (failed !== null) return errAsync(failed);
        // A record starts with its form; scans come by `attach`.
        kept.set(record.id, { record: copy(record), documents: [copy(form)] });
        byConfirmationNumber.set(record.confirmationNumber, record.id);
        return okAsync(undefined);
      }),

    attach: (recordId, document, audit) =>
      guard("counter-record-store.attach", () => {
        const op = "counter-record-store.attach";
        const found = kept.get(recordId);
        if (found === undefined) return okAsync(false);
        if (found.documents.some((d) => d.id === document.id)) return errAsync(conflictError(op, "document id"));
        const failed = audited(op, audit);
        if (failed !== null) return errAsync(failed);
        found.documents.push(copy(document));
        return okAsync(true);
      }),

    changeMemo: (recordId, memo, audit) =>
      guard("counter-record-store.changeMemo", () => {
        const found = kept.get(recordId);
        if (found === undefined) return okAsync(false);
        const failed = audited("counter-record-store.changeMemo", audit);
        if (failed !== null) return errAsync(failed);
        found.record = { ...found.record, summary: { ...found.record.summary, memo } };
        return okAsync(true);
      }),

    get: (id) =>
      guard("counter-record-store.get", () => {
        const found = kept.get(id);
        return okAsync(found === undefined ? null : answer(found));
      }),

    list: ({ from, to, limit }) =>
      guard("counter-record-store.list", () =>
        okAsync(
          [...kept.values()]
            .filter((k) => k.record.createdAt.getTime() >= from.getTime() && k.record.createdAt.getTime() < to.getTime())
            .sort((a, b) => b.record.createdAt.getTime() - a.record.createdAt.getTime() || compare(b.record.id, a.record.id))
            .slice(0, rowLimit(limit))
            .map(answer),
        ),
      ),

    readDocument: (recordId, documentId) =>
      guard("counter-record-store.readDocument", () => {
        const doc = kept.get(recordId)?.documents.find((d) => d.id === documentId);
        return okAsync(doc === undefined ? null : copy(doc.pdf));
      }),

    purgeExpired: (today, limit, audit) =>
      guard("counter-record-store.purgeExpired", () => {
        const op = "counter-record-store.purgeExpired";
        const expired = [...kept.values()]
          .map((k) => ({ id: k.record.id, keepUntil: k.record.keepUntil }))
          // ISO dates compare as strings.
          .filter((r) => r.keepUntil < today)
          .sort((a, b) => compare(a.keepUntil, b.keepUntil) || compare(a.id, b.id))
          .slice(0, rowLimit(limit));
        let drafts: AuditEntryDraft[];
        try {
          drafts = expired.map((r) => audit(r));
        } catch (e) {
          return errAsync(storageError(op, "unknown", "the audit entries could not be made", e));
        }
        const failed = audited(op, drafts);
        if (failed !== null) return errAsync(failed);
        for (const r of expired) {
          byConfirmationNumber.delete(kept.get(r.id)!.record.confirmationNumber);
          kept.delete(r.id);
        }
        return okAsync(expired.map((r) => r.id));
      }),

    healthCheck: () => guard("counter-record-store.healthCheck", () => okAsync(undefined)),
  };
};
