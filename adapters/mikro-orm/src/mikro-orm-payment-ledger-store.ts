import { err, ok, type Result } from "neverthrow";
import {
  PAYMENT_LEDGER_STORE_CONTRACT,
  storageError,
  type AuditEntryDraft,
  type LedgerFeeChange,
  type LedgerRecord,
  type MoneyEvent,
  type OutboxMessage,
  type PaymentLedgerStore,
  type StorageError,
} from "@madoguchi/core";
import { appendAuditEntries } from "./append-audit-entries.ts";
import { insertOutbox } from "./mikro-orm-outbox-store.ts";
import type { OpenedOrm } from "./open-orm.ts";
import { runStorageOp } from "./run-storage-op.ts";

const table = (db: OpenedOrm, name: string): string => (db.schema === undefined ? name : `"${db.schema}".${name}`);
const affected = (r: unknown): number => Number((r as { affectedRows?: number }).affectedRows ?? 0);

interface LedgerRow {
  readonly application_id: string;
  readonly seq: number | string;
  readonly procedure_id: string;
  readonly at_ms: number | string;
  readonly event_json: string;
  readonly fee_change_json: string | null;
}

const COLUMNS = "application_id, seq, procedure_id, kind, at_ms, event_json, fee_change_json";
const READ_COLUMNS = "application_id, seq, procedure_id, at_ms, event_json, fee_change_json";
const EVENT_KINDS: readonly string[] = ["authorized", "captured", "voided", "refunded", "fee_fixed"];

/** A row as a record; the event's time is the `at_ms` column. A row that does not read as one is `corrupt`. */
const recordOf = (operation: string, row: LedgerRow): Result<LedgerRecord, StorageError> => {
  try {
    const event = JSON.parse(row.event_json) as Record<string, unknown>;
    if (typeof event["kind"] !== "string" || !EVENT_KINDS.includes(event["kind"])) throw new TypeError("unknown event kind");
    return ok({
      applicationId: row.application_id,
      procedureId: row.procedure_id,
      seq: Number(row.seq),
      event: { ...event, at: new Date(Number(row.at_ms)) } as unknown as MoneyEvent,
      feeChange: row.fee_change_json === null ? null : (JSON.parse(row.fee_change_json) as LedgerFeeChange),
    });
  } catch (e) {
    return err(storageError(operation, "corrupt", "a payment ledger row could not be read", e));
  }
};

const rowsToRecords = (operation: string, rows: readonly LedgerRow[]): Result<readonly LedgerRecord[], StorageError> => {
  const out: LedgerRecord[] = [];
  for (const row of rows) {
    const r = recordOf(operation, row);
    if (r.isErr()) return err(r.error);
    out.push(r.value);
  }
  return ok(out);
};

/**
 * {@link PaymentLedgerStore} on MikroORM (SQLite and PostgreSQL), migration 0010. An append is one
 * transaction: the books' count is checked, the records are inserted (the primary key application id +
 * seq makes a second append from the same count insert nothing: a conflict), then the outbox messages (the
 * payment-due mail), then the audit drafts are appended with {@link appendAuditEntries} — the ledger rows first and the audit lock after, as the other stores do.
 */
export const mikroOrmPaymentLedgerStore = (db: OpenedOrm): PaymentLedgerStore => {
  const ledger = table(db, "payment_ledger");
  const conflict = (message: string): Result<never, StorageError> => err(storageError("payment-ledger-store.append", "conflict", message));
  return {
    meta: { contract: PAYMENT_LEDGER_STORE_CONTRACT, name: `mikro-orm-${db.dialect}`, capabilities: new Set() },

    append: (applicationId, expectedCount, records, audit: readonly AuditEntryDraft[] = [], outbox: readonly OutboxMessage[] = []) =>
      runStorageOp("payment-ledger-store.append", () =>
        db.em().transactional(async (tx): Promise<Result<void, StorageError>> => {
          if (records.some((r, i) => r.applicationId !== applicationId || r.seq !== expectedCount + 1 + i)) return conflict("records must continue the application's numbering");
          const counted = await tx.execute<{ n: number | string }[]>(`select count(*) as n from ${ledger} where application_id = ?`, [applicationId]);
          if (Number(counted[0]?.n ?? 0) !== expectedCount) return conflict("the books changed meanwhile");
          for (const r of records) {
            const { at, ...event } = r.event;
            const written = await tx.execute(
              `insert into ${ledger} (${COLUMNS}) values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing`,
              [r.applicationId, r.seq, r.procedureId, r.event.kind, at.getTime(), JSON.stringify(event), r.feeChange === null ? null : JSON.stringify(r.feeChange)],
              "run",
            );
            // A concurrent append from the same count inserted this seq first: roll back ours entirely.
            if (affected(written) === 0) throw new LedgerConflict();
          }
          await insertOutbox(tx, outbox);
          await appendAuditEntries(tx, db.dialect, audit);
          return ok(undefined);
        }).catch((e: unknown) => {
          if (e instanceof LedgerConflict) return conflict("the books changed meanwhile");
          throw e;
        }),
      ),

    listForApplication: (applicationId) =>
      runStorageOp("payment-ledger-store.listForApplication", async () =>
        rowsToRecords("payment-ledger-store.listForApplication", await db.em().execute<LedgerRow[]>(`select ${READ_COLUMNS} from ${ledger} where application_id = ? order by seq`, [applicationId])),
      ),

    listBetween: (from, to) =>
      runStorageOp("payment-ledger-store.listBetween", async () =>
        rowsToRecords(
          "payment-ledger-store.listBetween",
          await db.em().execute<LedgerRow[]>(`select ${READ_COLUMNS} from ${ledger} where at_ms >= ? and at_ms < ? order by at_ms, application_id, seq`, [from.getTime(), to.getTime()]),
        ),
      ),

    healthCheck: () =>
      runStorageOp("payment-ledger-store.healthCheck", async (): Promise<Result<void, StorageError>> => {
        await db.em().execute(`select 1 from ${ledger} where 1 = 0`);
        return ok(undefined);
      }),
  };
};

/** Thrown inside the transaction to roll it back when a record's place was taken meanwhile. */
class LedgerConflict extends Error {}
