import type { Dialect } from "./dialect.ts";

/**
 * Signing sessions shared by every instance (docs/adr/0025-signing-experience.md, "several instances"):
 * the relying party's drafts and the Digital Authentication App's pending authorizations, for the few
 * minutes a signature takes. One row per kind and id, versioned for compare-and-set; `lookup_key` (a
 * draft's hand-off token hash) unique per kind where present; the record's content sealed with
 * AES-256-GCM under its own data key wrapped by the KeyStore. Times are epoch milliseconds.
 */
export const signingSessionsMigration: Readonly<Record<Dialect, { readonly up: readonly string[]; readonly down: readonly string[] }>> = {
  sqlite: {
    up: [
      `create table signing_sessions (
        kind text not null,
        id text not null,
        lookup_key text null,
        version integer not null,
        expires_at_ms integer not null,
        sealed_data blob not null,
        wrapped_key blob not null,
        key_version integer not null,
        primary key (kind, id)
      )`,
      "create unique index signing_sessions_lookup_idx on signing_sessions (kind, lookup_key)",
      "create index signing_sessions_expires_idx on signing_sessions (expires_at_ms)",
    ],
    down: ["drop table signing_sessions"],
  },
  postgresql: {
    up: [
      `create table signing_sessions (
        kind text collate "C" not null,
        id text collate "C" not null,
        lookup_key text collate "C" null,
        version integer not null,
        expires_at_ms bigint not null,
        sealed_data bytea not null,
        wrapped_key bytea not null,
        key_version integer not null,
        primary key (kind, id)
      )`,
      "create unique index signing_sessions_lookup_idx on signing_sessions (kind, lookup_key)",
      "create index signing_sessions_expires_idx on signing_sessions (expires_at_ms)",
    ],
    down: ["drop table signing_sessions"],
  },
};
