import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import { PAYMENT_LEDGER_STORE_CONTRACT, storageError, type LedgerRecord, type PaymentLedgerStore, type StorageError } from "@madoguchi/core";
import { appendAudit } from "./memory-audit-log-store.ts";
import { closedError } from "./memory-errors.ts";
import { newOutboxEntry, outboxClash } from "./memory-outbox-store.ts";
import { copy, type MemoryState } from "./memory-state.ts";

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The reference {@link PaymentLedgerStore}: each application's books beside the shared memory state, whose
 * audit log and outbox each append writes to. The count check, the audit append, the records and the outbox are one step
 * (JavaScript does not interleave it); the drafts are sealed first, so a failure leaves both unchanged.
 */
export const memoryPaymentLedgerStore = (state: MemoryState): PaymentLedgerStore => {
  const books = new Map<string, LedgerRecord[]>();
  const guard = <T>(operation: string, f: () => ResultAsync<T, StorageError>): ResultAsync<T, StorageError> =>
    state.closed ? errAsync(closedError(operation)) : f();
  return {
    meta: { contract: PAYMENT_LEDGER_STORE_CONTRACT, name: "memory", capabilities: new Set() },
    append: (applicationId, expectedCount, records, audit = [], outbox = []) =>
      guard("payment-ledger-store.append", () => {
        const op = "payment-ledger-store.append";
        const current = books.get(applicationId) ?? [];
        if (current.length !== expectedCount) return errAsync(storageError(op, "conflict", "the books changed meanwhile"));
        if (records.some((r, i) => r.applicationId !== applicationId || r.seq !== expectedCount + 1 + i)) {
          return errAsync(storageError(op, "conflict", "records must continue the application's numbering"));
        }
        if (outboxClash(state, outbox)) return errAsync(storageError(op, "conflict", "outbox message id"));
        if (outbox.some((m) => !state.applications.has(m.applicationId))) return errAsync(storageError(op, "conflict", "an outbox message's application does not exist"));
        try {
          appendAudit(state, audit);
        } catch (e) {
          return errAsync(storageError(op, "unknown", "the audit entries could not be appended", e));
        }
        books.set(applicationId, [...current, ...copy(records)]);
        for (const m of outbox) state.outbox.set(m.id, newOutboxEntry(m));
        return okAsync(undefined);
      }),
    listForApplication: (applicationId) => guard("payment-ledger-store.listForApplication", () => okAsync(copy(books.get(applicationId) ?? []))),
    listBetween: (from, to) =>
      guard("payment-ledger-store.listBetween", () =>
        okAsync(
          [...books.values()]
            .flat()
            .filter((r) => r.event.at.getTime() >= from.getTime() && r.event.at.getTime() < to.getTime())
            .sort((a, b) => a.event.at.getTime() - b.event.at.getTime() || compare(a.applicationId, b.applicationId) || a.seq - b.seq)
            .map(copy),
        ),
      ),
    healthCheck: () => guard("payment-ledger-store.healthCheck", () => okAsync(undefined)),
  };
};
