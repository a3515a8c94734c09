import type { ResultAsync } from "neverthrow";
import type { AuditEntryDraft } from "../../audit/audit-entry.ts";
import type { FeeBreakdown } from "../../fees/fee.ts";
import type { OutboxMessage } from "../../notifications/outbox.ts";
import type { AdapterMeta } from "../../shared/adapter-meta.ts";
import type { StorageError } from "../../shared/storage.errors.ts";
import type { MoneyEvent } from "./money-state.ts";

/** Contract id of {@link PaymentLedgerStore}; conformance: `describePaymentLedgerStoreContract` (ADR 26). */
export const PAYMENT_LEDGER_STORE_CONTRACT = "payment-ledger-store@2" as const;

/** A staff fee change kept with its `fee_fixed` event: the new breakdown, why, who, and the four-eyes approval. */
export interface LedgerFeeChange {
  readonly fee: FeeBreakdown;
  /** Staff's note (≤ 500 characters). Asked to hold no personal data; never written to the audit log. */
  readonly reason: string;
  readonly staffId: string;
  readonly approvalId: string | null;
}

/** One line of an application's books: the n-th money event of the application. */
export interface LedgerRecord {
  readonly applicationId: string;
  /** The procedure the money is for: the settlement report groups by it. */
  readonly procedureId: string;
  /** 1, 2, 3 … within the application, without gaps: the books' order. */
  readonly seq: number;
  readonly event: MoneyEvent;
  /** Present exactly when `event.kind` is `fee_fixed`. */
  readonly feeChange: LedgerFeeChange | null;
}

/**
 * Port: the money books of applications (append-only). Core decides every event (`applyMoneyEvent` checks
 * it against the books first); adapters only keep them. Gateway answers are recorded after the call, so
 * the books say what the gateway did; a fee change, its audit entry and the mail it asks for are one write.
 */
export interface PaymentLedgerStore {
  readonly meta: AdapterMeta;
  /**
   * Appends `records` to one application's books if they hold exactly `expectedCount` records now and the
   * records are numbered `expectedCount + 1 …` for that application; otherwise nothing is written and the
   * result is `StorageError{reason:"conflict"}` (two staff members deciding from the same books: one wins).
   * `audit` is appended to the audit log and `outbox` to the outbox (the resident's payment-due mail) in the
   * same transaction; an outbox id already taken, or a message for an application not stored, is a conflict too. @2: the outbox (a @1 adapter would drop it).
   */
  append(
    applicationId: string,
    expectedCount: number,
    records: readonly LedgerRecord[],
    audit?: readonly AuditEntryDraft[],
    outbox?: readonly OutboxMessage[],
  ): ResultAsync<void, StorageError>;
  /** The application's books in `seq` order; none is `[]`. */
  listForApplication(applicationId: string): ResultAsync<readonly LedgerRecord[], StorageError>;
  /**
   * Every record whose event happened in `[from, to)`, ordered by the event's time, then application id,
   * then seq: what the settlement report reads.
   */
  listBetween(from: Date, to: Date): ResultAsync<readonly LedgerRecord[], StorageError>;
  healthCheck(): ResultAsync<void, StorageError>;
}
