import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import {
  assertNextVersion,
  APPLICATION_STORE_CONTRACT,
  type Application,
  type ApplicationId,
  type ApplicationPage,
  type ApplicationQuery,
  type ApplicationStore,
  applicationFinishedAt,
  type AuditEntryDraft,
  type ConcurrentModification,
  type OutboxMessage,
  type PurgeTarget,
  type ReceiptNumber,
  storageError,
  type StorageError,
} from "@madoguchi/core";
import { closedError, conflictError } from "./memory-errors.ts";
import { appendAudit } from "./memory-audit-log-store.ts";
import { newOutboxEntry, outboxClash } from "./memory-outbox-store.ts";
import { copy, type MemoryState } from "./memory-state.ts";

const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The reference {@link ApplicationStore}: every check happens before the first write, so a failed
 * call leaves the state untouched (no outbox message, no audit entry), as a rolled-back transaction would. JavaScript runs each call's
 * check-and-write without interleaving, which is what makes concurrent updates safe here.
 */
export const memoryApplicationStore = (state: MemoryState): ApplicationStore => {
  const find = (operation: string, id: string | undefined): ResultAsync<Application | null, StorageError> => {
    if (state.closed) return errAsync(closedError(operation));
    const app = id === undefined ? undefined : state.applications.get(id);
    return okAsync(app === undefined ? null : copy(app));
  };

  return {
    meta: { contract: APPLICATION_STORE_CONTRACT, name: "memory", capabilities: new Set() },

    insert: (application: Application, outbox: readonly OutboxMessage[], audit: readonly AuditEntryDraft[] = []): ResultAsync<void, StorageError> => {
      const op = "application-store.insert";
      if (state.closed) return errAsync(closedError(op));
      if (state.applications.has(application.id)) return errAsync(conflictError(op, "application id"));
      if (state.byReceiptNumber.has(application.receiptNumber)) return errAsync(conflictError(op, "receipt number"));
      if (state.bySubmissionKey.has(application.submissionKey)) return errAsync(conflictError(op, "submission key"));
      if (outboxClash(state, outbox)) return errAsync(conflictError(op, "outbox message id"));
      state.applications.set(application.id, copy(application));
      state.byReceiptNumber.set(application.receiptNumber, application.id);
      state.bySubmissionKey.set(application.submissionKey, application.id);
      for (const m of outbox) state.outbox.set(m.id, newOutboxEntry(m));
      appendAudit(state, audit);
      return okAsync(undefined);
    },

    update: (
      application: Application,
      expectedVersion: number,
      outbox: readonly OutboxMessage[],
      audit: readonly AuditEntryDraft[] = [],
    ): ResultAsync<void, StorageError | ConcurrentModification> => {
      assertNextVersion(application, expectedVersion);
      const op = "application-store.update";
      if (state.closed) return errAsync(closedError(op));
      const stored = state.applications.get(application.id);
      if (stored === undefined || stored.version !== expectedVersion) {
        return errAsync({
          _tag: "ConcurrentModification",
          code: "application.concurrent_modification",
          id: application.id,
          expectedVersion,
        } satisfies ConcurrentModification);
      }
      const receiptOwner = state.byReceiptNumber.get(application.receiptNumber);
      if (receiptOwner !== undefined && receiptOwner !== application.id) return errAsync(conflictError(op, "receipt number"));
      const keyOwner = state.bySubmissionKey.get(application.submissionKey);
      if (keyOwner !== undefined && keyOwner !== application.id) return errAsync(conflictError(op, "submission key"));
      if (outboxClash(state, outbox)) return errAsync(conflictError(op, "outbox message id"));
      state.byReceiptNumber.delete(stored.receiptNumber);
      state.bySubmissionKey.delete(stored.submissionKey);
      state.applications.set(application.id, copy(application));
      state.byReceiptNumber.set(application.receiptNumber, application.id);
      state.bySubmissionKey.set(application.submissionKey, application.id);
      for (const m of outbox) state.outbox.set(m.id, newOutboxEntry(m));
      appendAudit(state, audit);
      return okAsync(undefined);
    },

    findById: (id: ApplicationId) => find("application-store.findById", id),
    findByReceiptNumber: (receiptNumber: ReceiptNumber) =>
      find("application-store.findByReceiptNumber", state.byReceiptNumber.get(receiptNumber)),
    findBySubmissionKey: (submissionKey: string) =>
      find("application-store.findBySubmissionKey", state.bySubmissionKey.get(submissionKey)),

    list: (query: ApplicationQuery): ResultAsync<ApplicationPage, StorageError> => {
      if (state.closed) return errAsync(closedError("application-store.list"));
      const matching = [...state.applications.values()]
        .filter((a) => query.statuses === undefined || query.statuses.includes(a.status))
        .filter((a) => query.procedureIds === undefined || query.procedureIds.includes(a.procedureId))
        .filter((a) => query.residentAccountId === undefined || a.residentAccountId === query.residentAccountId)
        .sort((a, b) => b.submittedAt.getTime() - a.submittedAt.getTime() || compareIds(a.id, b.id));
      return okAsync({ items: copy(matching.slice(query.offset, query.offset + query.limit)), total: matching.length });
    },

    listFinishedBefore: (before: Date, limit: number): ResultAsync<readonly Application[], StorageError> => {
      if (state.closed) return errAsync(closedError("application-store.listFinishedBefore"));
      const finished = [...state.applications.values()]
        .map((a) => ({ a, at: applicationFinishedAt(a) }))
        .filter((f): f is { a: Application; at: Date } => f.at !== null && f.at.getTime() < before.getTime())
        .sort((x, y) => x.at.getTime() - y.at.getTime() || compareIds(x.a.id, y.a.id));
      return okAsync(copy(finished.slice(0, limit).map((f) => f.a)));
    },

    purge: (targets: readonly PurgeTarget[], audit: readonly AuditEntryDraft[]): ResultAsync<void, StorageError> => {
      const op = "application-store.purge";
      if (state.closed) return errAsync(closedError(op));
      const changed = targets.some((t) => state.applications.get(t.id)?.version !== t.version);
      if (changed || new Set(targets.map((t) => t.id)).size !== targets.length) return errAsync(storageError(op, "conflict", "an application to purge is gone or changed"));
      for (const t of targets) {
        const stored = state.applications.get(t.id)!;
        state.applications.delete(t.id);
        state.byReceiptNumber.delete(stored.receiptNumber);
        state.bySubmissionKey.delete(stored.submissionKey);
        for (const [messageId, entry] of state.outbox) if (entry.message.applicationId === t.id) state.outbox.delete(messageId);
      }
      appendAudit(state, audit);
      return okAsync(undefined);
    },

    healthCheck: () => (state.closed ? errAsync(closedError("application-store.healthCheck")) : okAsync(undefined)),

    close: async () => {
      state.closed = true;
    },
  };
};
