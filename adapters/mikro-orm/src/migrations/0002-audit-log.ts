import type { Dialect } from "./dialect.ts";

/**
 * The audit log (docs/adr/0011-audit-log.md): `audit_entries` keyed by the chain's sequence number
 * (so two writers can never both take seq n), and `audit_checkpoints`, kept after their segment
 * expires. Entries are append-only in the database as well: a trigger refuses every UPDATE (DELETE
 * stays possible, for retention of whole segments). An attacker with DDL rights can drop the
 * trigger; the hash chain and the signed checkpoints are what detect that, the trigger stops mistakes.
 * Timestamps and collations follow 0001-initial.
 */
export const auditLogMigration: Readonly<Record<Dialect, { readonly up: readonly string[]; readonly down: readonly string[] }>> = {
  sqlite: {
    up: [
      `create table audit_entries (
        seq integer not null primary key,
        segment text not null,
        at datetime not null,
        actor_kind text not null,
        actor_id text null,
        action text not null,
        target_kind text null,
        target_id text null,
        result text not null,
        source_ip text null,
        details_json text not null,
        hash text not null
      )`,
      "create index audit_entries_segment_idx on audit_entries (segment, seq)",
      "create index audit_entries_actor_idx on audit_entries (actor_kind, actor_id, seq)",
      "create index audit_entries_target_idx on audit_entries (target_kind, target_id, seq)",
      "create index audit_entries_at_idx on audit_entries (at, seq)",
      `create trigger audit_entries_append_only before update on audit_entries
        begin select raise(abort, 'audit entries are append-only'); end`,
      `create table audit_checkpoints (
        segment text not null,
        last_seq integer not null,
        last_hash text not null,
        signed_at datetime not null,
        key_id text not null,
        signature text not null,
        primary key (segment, last_seq, key_id)
      )`,
    ],
    down: ["drop table audit_checkpoints", "drop trigger audit_entries_append_only", "drop table audit_entries"],
  },
  postgresql: {
    up: [
      `create table audit_entries (
        seq integer not null primary key,
        segment text collate "C" not null,
        at timestamptz(3) not null,
        actor_kind text collate "C" not null,
        actor_id text collate "C" null,
        action text collate "C" not null,
        target_kind text collate "C" null,
        target_id text collate "C" null,
        result text not null,
        source_ip text null,
        details_json text not null,
        hash text not null
      )`,
      "create index audit_entries_segment_idx on audit_entries (segment, seq)",
      "create index audit_entries_actor_idx on audit_entries (actor_kind, actor_id, seq)",
      "create index audit_entries_target_idx on audit_entries (target_kind, target_id, seq)",
      "create index audit_entries_at_idx on audit_entries (at, seq)",
      `create function audit_entries_append_only() returns trigger language plpgsql as $$
        begin raise exception 'audit entries are append-only'; end $$`,
      `create trigger audit_entries_append_only before update on audit_entries
        for each row execute function audit_entries_append_only()`,
      `create table audit_checkpoints (
        segment text collate "C" not null,
        last_seq integer not null,
        last_hash text not null,
        signed_at timestamptz(3) not null,
        key_id text collate "C" not null,
        signature text not null,
        primary key (segment, last_seq, key_id)
      )`,
    ],
    down: [
      "drop table audit_checkpoints",
      "drop trigger audit_entries_append_only on audit_entries",
      "drop function audit_entries_append_only()",
      "drop table audit_entries",
    ],
  },
};
