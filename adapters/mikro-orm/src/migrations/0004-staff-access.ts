import type { Dialect } from "./dialect.ts";

/**
 * Access control (docs/adr/0016-staff-authorization.md): staff groups with their scope, memberships and
 * role assignments (to a staff member or to a group). Memberships and group roles go with their group
 * (`on delete cascade`; SQLite runs with `foreign_keys = on`). Staff ids are not foreign keys: staff
 * accounts are another port's rows, and an id without an account grants nothing.
 */
export const staffAccessMigration: Readonly<Record<Dialect, { readonly up: readonly string[]; readonly down: readonly string[] }>> = {
  sqlite: {
    up: [
      `create table staff_groups (
        id text not null primary key,
        name text not null,
        scope_kind text not null check (scope_kind in ('all', 'procedures', 'offices')),
        scope_ids_json text not null
      )`,
      `create table staff_group_members (
        group_id text not null references staff_groups (id) on delete cascade,
        staff_id text not null,
        primary key (group_id, staff_id)
      )`,
      "create index staff_group_members_staff_idx on staff_group_members (staff_id)",
      `create table staff_roles_of_staff (
        role_id text not null,
        staff_id text not null,
        primary key (role_id, staff_id)
      )`,
      `create table staff_roles_of_groups (
        role_id text not null,
        group_id text not null references staff_groups (id) on delete cascade,
        primary key (role_id, group_id)
      )`,
    ],
    down: ["drop table staff_roles_of_groups", "drop table staff_roles_of_staff", "drop table staff_group_members", "drop table staff_groups"],
  },
  postgresql: {
    up: [
      `create table staff_groups (
        id text collate "C" not null primary key,
        name text not null,
        scope_kind text collate "C" not null check (scope_kind in ('all', 'procedures', 'offices')),
        scope_ids_json text not null
      )`,
      `create table staff_group_members (
        group_id text collate "C" not null references staff_groups (id) on delete cascade,
        staff_id text collate "C" not null,
        primary key (group_id, staff_id)
      )`,
      "create index staff_group_members_staff_idx on staff_group_members (staff_id)",
      `create table staff_roles_of_staff (
        role_id text collate "C" not null,
        staff_id text collate "C" not null,
        primary key (role_id, staff_id)
      )`,
      `create table staff_roles_of_groups (
        role_id text collate "C" not null,
        group_id text collate "C" not null references staff_groups (id) on delete cascade,
        primary key (role_id, group_id)
      )`,
    ],
    down: ["drop table staff_roles_of_groups", "drop table staff_roles_of_staff", "drop table staff_group_members", "drop table staff_groups"],
  },
};
