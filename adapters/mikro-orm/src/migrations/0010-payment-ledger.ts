import type { Dialect } from "./dialect.ts";

/**
 * The money books of applications (docs/adr/0026-fees-and-money-state.md): one row per record, numbered
 * per application (primary key application id + seq, so two appends from the same count cannot both
 * land), the event's time in epoch milliseconds for the settlement report, the event and the fee change
 * as JSON text. Amounts, gateway ids and fee lines only; who changed a fee is in the audit log too.
 */
export const paymentLedgerMigration: Readonly<Record<Dialect, { readonly up: readonly string[]; readonly down: readonly string[] }>> = {
  sqlite: {
    up: [
      `create table payment_ledger (
        application_id text not null,
        seq integer not null,
        procedure_id text not null,
        kind text not null,
        at_ms integer not null,
        event_json text not null,
        fee_change_json text null,
        primary key (application_id, seq)
      )`,
      "create index payment_ledger_at_idx on payment_ledger (at_ms, application_id, seq)",
    ],
    down: ["drop table payment_ledger"],
  },
  postgresql: {
    up: [
      `create table payment_ledger (
        application_id text collate "C" not null,
        seq integer not null,
        procedure_id text collate "C" not null,
        kind text not null,
        at_ms bigint not null,
        event_json text not null,
        fee_change_json text null,
        primary key (application_id, seq)
      )`,
      "create index payment_ledger_at_idx on payment_ledger (at_ms, application_id, seq)",
    ],
    down: ["drop table payment_ledger"],
  },
};
