import type { Dialect } from "./dialect.ts";

/**
 * Passkeys (docs/adr/0015-passkeys.md): one row per credential, unique by credential id across all
 * accounts. Public data only (the private key stays on the authenticator). Times are epoch
 * milliseconds and flags integers, so raw SQL reads the same on both dialects.
 */
export const passkeysMigration: Readonly<Record<Dialect, { readonly up: readonly string[]; readonly down: readonly string[] }>> = {
  sqlite: {
    up: [
      `create table passkeys (
        credential_id text not null primary key,
        owner_kind text not null,
        owner_id text not null,
        public_key text not null,
        sign_count integer not null,
        transports_json text not null,
        backup_eligible integer not null,
        label text not null,
        created_at_ms integer not null,
        last_used_at_ms integer null
      )`,
      "create index passkeys_owner_idx on passkeys (owner_kind, owner_id, created_at_ms)",
    ],
    down: ["drop table passkeys"],
  },
  postgresql: {
    up: [
      `create table passkeys (
        credential_id text collate "C" not null primary key,
        owner_kind text collate "C" not null,
        owner_id text collate "C" not null,
        public_key text not null,
        sign_count bigint not null,
        transports_json text not null,
        backup_eligible integer not null,
        label text not null,
        created_at_ms bigint not null,
        last_used_at_ms bigint null
      )`,
      "create index passkeys_owner_idx on passkeys (owner_kind, owner_id, created_at_ms)",
    ],
    down: ["drop table passkeys"],
  },
};
