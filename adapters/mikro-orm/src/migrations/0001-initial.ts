import type { Dialect } from "./dialect.ts";

/**
 * The first schema. Differences between dialects, and why:
 * - PostgreSQL keys use `collate "C"` so that `order by id` is binary order, as SQLite's default
 *   and the reference adapter's; a locale collation would order ties differently.
 * - Timestamps: SQLite gets MikroORM's mapping (epoch milliseconds in a `datetime` column);
 *   PostgreSQL gets `timestamptz(3)`, millisecond precision like a JavaScript Date.
 * - Ciphertexts are `blob` / `bytea`.
 */
export const initialMigration: Readonly<Record<Dialect, { readonly up: readonly string[]; readonly down: readonly string[] }>> = {
  sqlite: {
    up: [
      `create table applications (
        id text not null primary key,
        receipt_number text not null unique,
        submission_key text not null unique,
        procedure_id text not null,
        locale text not null,
        status text not null,
        version integer not null,
        fee_total integer not null,
        fee_json text not null,
        payment_authorization_id text null,
        payment_idempotency_key text null,
        payment_amount integer null,
        payment_status text null,
        access_secret_hash text not null,
        submitted_at datetime not null,
        updated_at datetime not null,
        key_version integer not null,
        wrapped_key blob not null,
        personal blob not null
      )`,
      "create index applications_list_idx on applications (submitted_at desc, id)",
      "create index applications_status_idx on applications (status, submitted_at desc, id)",
      "create index applications_procedure_idx on applications (procedure_id, submitted_at desc, id)",
      `create table outbox_messages (
        id text not null primary key,
        kind text not null,
        application_id text not null references applications (id) on delete cascade,
        status text not null,
        created_at datetime not null,
        attempts integer not null default 0,
        next_attempt_at datetime not null,
        sent_at datetime null,
        last_error text null
      )`,
      "create index outbox_messages_due_idx on outbox_messages (next_attempt_at, created_at, id) where sent_at is null",
      "create index outbox_messages_application_idx on outbox_messages (application_id)",
      `create table staff_accounts (
        id text not null primary key,
        login_id text not null unique,
        display_name text not null,
        password_hash text not null,
        created_at datetime not null
      )`,
    ],
    down: ["drop table staff_accounts", "drop table outbox_messages", "drop table applications"],
  },
  postgresql: {
    up: [
      `create table applications (
        id text collate "C" not null primary key,
        receipt_number text collate "C" not null unique,
        submission_key text collate "C" not null unique,
        procedure_id text collate "C" not null,
        locale text not null,
        status text not null,
        version integer not null,
        fee_total integer not null,
        fee_json text not null,
        payment_authorization_id text null,
        payment_idempotency_key text null,
        payment_amount integer null,
        payment_status text null,
        access_secret_hash text not null,
        submitted_at timestamptz(3) not null,
        updated_at timestamptz(3) not null,
        key_version integer not null,
        wrapped_key bytea not null,
        personal bytea not null
      )`,
      "create index applications_list_idx on applications (submitted_at desc, id)",
      "create index applications_status_idx on applications (status, submitted_at desc, id)",
      "create index applications_procedure_idx on applications (procedure_id, submitted_at desc, id)",
      `create table outbox_messages (
        id text collate "C" not null primary key,
        kind text not null,
        application_id text collate "C" not null references applications (id) on delete cascade,
        status text not null,
        created_at timestamptz(3) not null,
        attempts integer not null default 0,
        next_attempt_at timestamptz(3) not null,
        sent_at timestamptz(3) null,
        last_error text null
      )`,
      "create index outbox_messages_due_idx on outbox_messages (next_attempt_at, created_at, id) where sent_at is null",
      "create index outbox_messages_application_idx on outbox_messages (application_id)",
      `create table staff_accounts (
        id text collate "C" not null primary key,
        login_id text collate "C" not null unique,
        display_name text not null,
        password_hash text not null,
        created_at timestamptz(3) not null
      )`,
    ],
    down: ["drop table staff_accounts", "drop table outbox_messages", "drop table applications"],
  },
};
