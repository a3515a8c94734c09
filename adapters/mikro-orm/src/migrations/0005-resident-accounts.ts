import type { Dialect } from "./dialect.ts";

/**
 * Resident accounts (R3) and the link of an application to the account that submitted it (R8).
 * `resident_accounts` holds the address only as ciphertext (`sealed`, under the row's data key) and
 * as a keyed blind index (`email_index`, HMAC-SHA-256 under a key wrapped by the KeyStore and kept in
 * `resident_index_keys`), unique so two accounts cannot share an address. The application's owner
 * is a nullable column written by the submission's own INSERT (docs/adr/0018-resident-accounts.md).
 */
export const residentAccountsMigration: Readonly<Record<Dialect, { readonly up: readonly string[]; readonly down: readonly string[] }>> = {
  sqlite: {
    up: [
      `create table resident_index_keys (
        id text not null primary key,
        key_version integer not null,
        wrapped_key blob not null
      )`,
      `create table resident_accounts (
        id text not null primary key,
        email_index text not null,
        password_hash text not null,
        email_verified_at datetime null,
        second_factor text not null,
        locale text not null,
        created_at datetime not null,
        version integer not null,
        key_version integer not null,
        wrapped_key blob not null,
        sealed blob not null
      )`,
      "create unique index resident_accounts_email_index_uq on resident_accounts (email_index)",
      "alter table applications add column resident_account_id text null",
      "create index applications_resident_account_idx on applications (resident_account_id, submitted_at)",
    ],
    down: [
      "drop index applications_resident_account_idx",
      "alter table applications drop column resident_account_id",
      "drop table resident_accounts",
      "drop table resident_index_keys",
    ],
  },
  postgresql: {
    up: [
      `create table resident_index_keys (
        id text collate "C" not null primary key,
        key_version integer not null,
        wrapped_key bytea not null
      )`,
      `create table resident_accounts (
        id text collate "C" not null primary key,
        email_index text collate "C" not null,
        password_hash text not null,
        email_verified_at timestamptz(3) null,
        second_factor text collate "C" not null,
        locale text collate "C" not null,
        created_at timestamptz(3) not null,
        version integer not null,
        key_version integer not null,
        wrapped_key bytea not null,
        sealed bytea not null
      )`,
      "create unique index resident_accounts_email_index_uq on resident_accounts (email_index)",
      `alter table applications add column resident_account_id text collate "C" null`,
      "create index applications_resident_account_idx on applications (resident_account_id, submitted_at)",
    ],
    down: [
      "drop index applications_resident_account_idx",
      "alter table applications drop column resident_account_id",
      "drop table resident_accounts",
      "drop table resident_index_keys",
    ],
  },
};
