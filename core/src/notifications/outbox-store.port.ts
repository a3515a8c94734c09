import type { ResultAsync } from "neverthrow";
import type { StorageError } from "../shared/storage.errors.ts";
import type { OutboxEntry } from "./outbox.ts";

/** Contract id of {@link OutboxStore}. */
export const OUTBOX_STORE_CONTRACT = "outbox-store@1" as const;

/**
 * Port: reading and acknowledging outbox messages. Messages are written by {@link ApplicationStore} (and a
 * fee change's by PaymentLedgerStore) in the same transaction as the change; the relay reads them here. Delivery is at-least-once:
 * receivers deduplicate by message id.
 */
export interface OutboxStore {
  /** Unsent entries due at `now` (nextAttemptAt ≤ now), oldest first, at most `limit`. */
  due(now: Date, limit: number): ResultAsync<readonly OutboxEntry[], StorageError>;
  markSent(id: string, at: Date): ResultAsync<void, StorageError>;
  /** Records a failed attempt: attempts + 1, the next attempt time and the error (no personal data). */
  markFailed(id: string, nextAttemptAt: Date, error: string): ResultAsync<void, StorageError>;
}
