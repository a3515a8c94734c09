import type { Dialect } from "./dialect.ts";

/**
 * What the no-writing counter keeps (C8, C9; counter-record-store@1): one row per record — its ids, kind,
 * creation (epoch ms, indexed for the list's range scan), its keep-until day as `YYYY-MM-DD` text (ISO dates
 * sort as text; indexed for the purge's oldest-first scan), its data key wrapped by the KeyStore and the sealed
 * summary — and one row per kept document, numbered per record (`seq`: the order they were added), its PDF
 * sealed under the record's key. Deleting a record cascades to its documents: the wrapped key goes with them,
 * which is the crypto erase of any copy of their ciphertext.
 */
export const counterRecordsMigration: Readonly<Record<Dialect, { readonly up: readonly string[]; readonly down: readonly string[] }>> = {
  sqlite: {
    up: [
      `create table counter_records (
        id text not null primary key,
        confirmation_number text not null,
        kind text not null,
        created_at_ms integer not null,
        created_by text not null,
        keep_until text not null,
        key_version integer not null,
        wrapped_key blob not null,
        sealed_summary blob not null
      )`,
      "create unique index counter_records_confirmation_idx on counter_records (confirmation_number)",
      "create index counter_records_created_idx on counter_records (created_at_ms, id)",
      "create index counter_records_keep_until_idx on counter_records (keep_until, id)",
      `create table counter_documents (
        record_id text not null references counter_records (id) on delete cascade,
        id text not null,
        seq integer not null,
        kind text not null check (kind in ('form', 'scan')),
        title text not null,
        added_at_ms integer not null,
        added_by text not null,
        byte_length integer not null,
        sealed_pdf blob not null,
        primary key (record_id, id),
        unique (record_id, seq)
      )`,
    ],
    down: ["drop table counter_documents", "drop table counter_records"],
  },
  postgresql: {
    up: [
      `create table counter_records (
        id text collate "C" not null primary key,
        confirmation_number text collate "C" not null,
        kind text not null,
        created_at_ms bigint not null,
        created_by text collate "C" not null,
        keep_until text collate "C" not null,
        key_version integer not null,
        wrapped_key bytea not null,
        sealed_summary bytea not null
      )`,
      "create unique index counter_records_confirmation_idx on counter_records (confirmation_number)",
      "create index counter_records_created_idx on counter_records (created_at_ms, id)",
      "create index counter_records_keep_until_idx on counter_records (keep_until, id)",
      `create table counter_documents (
        record_id text collate "C" not null references counter_records (id) on delete cascade,
        id text collate "C" not null,
        seq integer not null,
        kind text not null check (kind in ('form', 'scan')),
        title text not null,
        added_at_ms bigint not null,
        added_by text collate "C" not null,
        byte_length integer not null,
        sealed_pdf bytea not null,
        primary key (record_id, id),
        unique (record_id, seq)
      )`,
    ],
    down: ["drop table counter_documents", "drop table counter_records"],
  },
};
