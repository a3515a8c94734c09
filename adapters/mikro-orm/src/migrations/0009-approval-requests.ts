import type { Dialect } from "./dialect.ts";

/**
 * Two-person approval requests (docs/adr/0024-two-person-approval.md): one row per request, its subject
 * as JSON text (decoded with core's schema when read), times in epoch milliseconds, and a version for
 * conditional updates (two approvers racing: one winner). Who did what is in the audit log, appended in
 * the same transaction as each write.
 */
export const approvalRequestsMigration: Readonly<Record<Dialect, { readonly up: readonly string[]; readonly down: readonly string[] }>> = {
  sqlite: {
    up: [
      `create table approval_requests (
        id text not null primary key,
        kind text not null,
        subject_json text not null,
        requested_by text not null,
        requested_at_ms integer not null,
        expires_at_ms integer not null,
        status text not null,
        decided_by text null,
        decided_at_ms integer null,
        usable_until_ms integer null,
        used_at_ms integer null,
        version integer not null
      )`,
      "create index approval_requests_status_idx on approval_requests (status, requested_at_ms, id)",
    ],
    down: ["drop table approval_requests"],
  },
  postgresql: {
    up: [
      `create table approval_requests (
        id text collate "C" not null primary key,
        kind text not null,
        subject_json text not null,
        requested_by text not null,
        requested_at_ms bigint not null,
        expires_at_ms bigint not null,
        status text not null,
        decided_by text null,
        decided_at_ms bigint null,
        usable_until_ms bigint null,
        used_at_ms bigint null,
        version integer not null
      )`,
      "create index approval_requests_status_idx on approval_requests (status, requested_at_ms, id)",
    ],
    down: ["drop table approval_requests"],
  },
};
