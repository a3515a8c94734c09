import type { Dialect } from "./dialect.ts";

/**
 * Sessions and login state (docs/adr/0020-sessions-and-login-state.md). `sessions` is keyed by the
 * SHA-256 of the session id (the id is never stored). `login_state` holds one versioned row per
 * account and facet (lockout, totp, recovery codes, reset ticket, email challenge, last login);
 * TOTP rows are sealed with AES-256-GCM under a data key wrapped by the KeyStore (`wrapped_key`).
 * `login_throttles` holds the token buckets per source address. Times are epoch milliseconds.
 */
export const sessionsAndLoginStateMigration: Readonly<Record<Dialect, { readonly up: readonly string[]; readonly down: readonly string[] }>> = {
  sqlite: {
    up: [
      `create table sessions (
        id_hash text not null primary key,
        principal_kind text not null,
        principal_id text not null,
        stage text not null,
        csrf_token text not null,
        created_at_ms integer not null,
        last_seen_at_ms integer not null,
        expires_at_ms integer not null,
        step_up_at_ms integer null,
        attempt_id text null
      )`,
      "create index sessions_principal_idx on sessions (principal_kind, principal_id, created_at_ms)",
      "create index sessions_expires_idx on sessions (expires_at_ms)",
      `create table login_state (
        account_kind text not null,
        account_id text not null,
        facet text not null,
        version integer not null,
        value_text text null,
        sealed_value blob null,
        wrapped_key blob null,
        key_version integer null,
        primary key (account_kind, account_id, facet)
      )`,
      `create table login_throttles (
        bucket_key text not null primary key,
        tokens real not null,
        updated_at_ms integer not null
      )`,
    ],
    down: ["drop table login_throttles", "drop table login_state", "drop table sessions"],
  },
  postgresql: {
    up: [
      `create table sessions (
        id_hash text collate "C" not null primary key,
        principal_kind text collate "C" not null,
        principal_id text collate "C" not null,
        stage text collate "C" not null,
        csrf_token text collate "C" not null,
        created_at_ms bigint not null,
        last_seen_at_ms bigint not null,
        expires_at_ms bigint not null,
        step_up_at_ms bigint null,
        attempt_id text collate "C" null
      )`,
      "create index sessions_principal_idx on sessions (principal_kind, principal_id, created_at_ms)",
      "create index sessions_expires_idx on sessions (expires_at_ms)",
      `create table login_state (
        account_kind text collate "C" not null,
        account_id text collate "C" not null,
        facet text collate "C" not null,
        version integer not null,
        value_text text null,
        sealed_value bytea null,
        wrapped_key bytea null,
        key_version integer null,
        primary key (account_kind, account_id, facet)
      )`,
      `create table login_throttles (
        bucket_key text collate "C" not null primary key,
        tokens double precision not null,
        updated_at_ms bigint not null
      )`,
    ],
    down: ["drop table login_throttles", "drop table login_state", "drop table sessions"],
  },
};
