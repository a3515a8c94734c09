import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import type { OutboxEntry, OutboxMessage, OutboxStore, StorageError } from "@madoguchi/core";
import { closedError } from "./memory-errors.ts";
import { copy, type MemoryState } from "./memory-state.ts";

/** A message as the stores write it: not yet tried, due from its creation. */
export const newOutboxEntry = (message: OutboxMessage): OutboxEntry => ({
  message: copy(message),
  attempts: 0,
  nextAttemptAt: new Date(message.createdAt.getTime()),
  sentAt: null,
  lastError: null,
});

/** Whether an id in `messages` is taken already or repeated: the write is a conflict then. */
export const outboxClash = (state: MemoryState, messages: readonly OutboxMessage[]): boolean =>
  new Set(messages.map((m) => m.id)).size !== messages.length || messages.some((m) => state.outbox.has(m.id));

const oldestFirst = (a: OutboxEntry, b: OutboxEntry): number =>
  a.message.createdAt.getTime() - b.message.createdAt.getTime() || (a.message.id < b.message.id ? -1 : a.message.id > b.message.id ? 1 : 0);

/**
 * The reference {@link OutboxStore} over the shared memory state. Acknowledging an unknown id is a
 * no-op: delivery is at-least-once, and a relay may acknowledge after a purge removed the message.
 */
export const memoryOutboxStore = (state: MemoryState): OutboxStore => {
  const change = (operation: string, id: string, f: (entry: OutboxEntry) => OutboxEntry): ResultAsync<void, StorageError> => {
    if (state.closed) return errAsync(closedError(operation));
    const entry = state.outbox.get(id);
    if (entry !== undefined) state.outbox.set(id, f(entry));
    return okAsync(undefined);
  };
  return {
    due: (now: Date, limit: number): ResultAsync<readonly OutboxEntry[], StorageError> => {
      if (state.closed) return errAsync(closedError("outbox-store.due"));
      const due = [...state.outbox.values()]
        .filter((e) => e.sentAt === null && e.nextAttemptAt.getTime() <= now.getTime())
        .sort(oldestFirst)
        .slice(0, limit);
      return okAsync(copy(due));
    },
    markSent: (id: string, at: Date) => change("outbox-store.markSent", id, (e) => ({ ...e, sentAt: new Date(at.getTime()) })),
    markFailed: (id: string, nextAttemptAt: Date, error: string) =>
      change("outbox-store.markFailed", id, (e) => ({
        ...e,
        attempts: e.attempts + 1,
        nextAttemptAt: new Date(nextAttemptAt.getTime()),
        lastError: error,
      })),
  };
};
