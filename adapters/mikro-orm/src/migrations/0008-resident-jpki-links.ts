import type { Dialect } from "./dialect.ts";

/**
 * My Number cards linked to resident accounts for JPKI login (docs/adr/0023-digital-authentication-app.md):
 * one row per card, unique by its identity key (a SHA-256 of the method and subject, never the subject
 * itself). Times are epoch milliseconds.
 */
export const residentJpkiLinksMigration: Readonly<Record<Dialect, { readonly up: readonly string[]; readonly down: readonly string[] }>> = {
  sqlite: {
    up: [
      `create table resident_jpki_links (
        link_key text not null primary key,
        account_id text not null,
        method text not null,
        linked_at_ms integer not null
      )`,
      "create index resident_jpki_links_account_idx on resident_jpki_links (account_id, linked_at_ms)",
    ],
    down: ["drop table resident_jpki_links"],
  },
  postgresql: {
    up: [
      `create table resident_jpki_links (
        link_key text collate "C" not null primary key,
        account_id text collate "C" not null,
        method text collate "C" not null,
        linked_at_ms bigint not null
      )`,
      "create index resident_jpki_links_account_idx on resident_jpki_links (account_id, linked_at_ms)",
    ],
    down: ["drop table resident_jpki_links"],
  },
};
