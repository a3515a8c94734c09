import { err, ok, type Result } from "neverthrow";
import { Schema } from "effect";
import {
  OfficeId,
  ProcedureId,
  STAFF_ACCESS_STORE_CONTRACT,
  StaffGroupId,
  StaffId,
  StaffRoleId,
  storageError,
  type RoleAssignment,
  type StaffAccessSnapshot,
  type StaffAccessStore,
  type StaffGroup,
  type StaffGroupScope,
  type StorageError,
} from "@madoguchi/core";
import type { OpenedOrm } from "./open-orm.ts";
import { runStorageOp } from "./run-storage-op.ts";

type Tx = ReturnType<OpenedOrm["em"]>;

/** A table name, qualified with the PostgreSQL schema when there is one (raw SQL gets no schema from the ORM). */
const table = (db: OpenedOrm, name: string): string => (db.schema === undefined ? name : `"${db.schema}".${name}`);

const affected = (r: unknown): number => Number((r as { affectedRows?: number }).affectedRows ?? 0);

const ScopeIds = Schema.Array(Schema.String);
const decodeIds = Schema.decodeUnknownSync(ScopeIds);
const decodeScopeIds = (json: string): readonly string[] => decodeIds(JSON.parse(json));

const scopeOf = (kind: string, idsJson: string, operation: string): Result<StaffGroupScope, StorageError> => {
  // The row is ours, but a hand-edited database must not widen a scope: an unreadable row fails closed.
  let ids: readonly string[];
  try {
    ids = decodeScopeIds(idsJson);
  } catch {
    return err(storageError(operation, "corrupt", "a staff group's scope is unreadable"));
  }
  switch (kind) {
    case "all":
      return ok({ kind: "all" });
    case "procedures":
      return ok({ kind: "procedures", procedureIds: ids.map(ProcedureId) });
    case "offices":
      return ok({ kind: "offices", officeIds: ids.map(OfficeId) });
    default:
      return err(storageError(operation, "corrupt", "a staff group's scope kind is unknown"));
  }
};

const scopeIdsOf = (scope: StaffGroupScope): readonly string[] =>
  scope.kind === "all" ? [] : scope.kind === "procedures" ? scope.procedureIds : scope.officeIds;

/**
 * {@link StaffAccessStore} on MikroORM (SQLite and PostgreSQL), migration 0004. Raw SQL with bound
 * parameters: four small tables, and "insert unless present" must answer whether it inserted.
 */
export const mikroOrmStaffAccessStore = (db: OpenedOrm): StaffAccessStore => {
  const groups = table(db, "staff_groups");
  const members = table(db, "staff_group_members");
  const staffRoles = table(db, "staff_roles_of_staff");
  const groupRoles = table(db, "staff_roles_of_groups");
  const groupExists = async (tx: Tx, id: string): Promise<boolean> =>
    (await tx.execute<{ id: string }[]>(`select id from ${groups} where id = ?`, [id])).length > 0;
  const insertUnlessPresent = async (tx: Tx, sql: string, params: unknown[]): Promise<boolean> =>
    affected(await tx.execute(`${sql} on conflict do nothing`, params, "run")) > 0;

  return {
    meta: { contract: STAFF_ACCESS_STORE_CONTRACT, name: `mikro-orm-${db.dialect}`, capabilities: new Set() },

    saveGroup: (group: StaffGroup) =>
      runStorageOp("staff-access-store.saveGroup", () =>
        db.em().transactional(async (tx): Promise<Result<boolean, StorageError>> => {
          const params = [group.name, group.scope.kind, JSON.stringify(scopeIdsOf(group.scope)), group.id];
          const updated = affected(await tx.execute(`update ${groups} set name = ?, scope_kind = ?, scope_ids_json = ? where id = ?`, params, "run"));
          if (updated > 0) return ok(false);
          await tx.execute(`insert into ${groups} (name, scope_kind, scope_ids_json, id) values (?, ?, ?, ?)`, params, "run");
          return ok(true);
        }),
      ),

    deleteGroup: (id) =>
      runStorageOp("staff-access-store.deleteGroup", async (): Promise<Result<boolean, StorageError>> =>
        // Memberships and group roles follow by `on delete cascade`.
        ok(affected(await db.em().execute(`delete from ${groups} where id = ?`, [id], "run")) > 0),
      ),

    addMember: (groupId, staffId) =>
      runStorageOp("staff-access-store.addMember", () =>
        db.em().transactional(async (tx): Promise<Result<boolean, StorageError>> => {
          if (!(await groupExists(tx, groupId))) return err(storageError("staff-access-store.addMember", "conflict", "the group does not exist"));
          return ok(await insertUnlessPresent(tx, `insert into ${members} (group_id, staff_id) values (?, ?)`, [groupId, staffId]));
        }),
      ),

    removeMember: (groupId, staffId) =>
      runStorageOp("staff-access-store.removeMember", async (): Promise<Result<boolean, StorageError>> =>
        ok(affected(await db.em().execute(`delete from ${members} where group_id = ? and staff_id = ?`, [groupId, staffId], "run")) > 0),
      ),

    assignRole: (a: RoleAssignment) =>
      runStorageOp("staff-access-store.assignRole", () =>
        db.em().transactional(async (tx): Promise<Result<boolean, StorageError>> => {
          if (a.holder.kind === "staff") {
            return ok(await insertUnlessPresent(tx, `insert into ${staffRoles} (role_id, staff_id) values (?, ?)`, [a.roleId, a.holder.staffId]));
          }
          if (!(await groupExists(tx, a.holder.groupId))) return err(storageError("staff-access-store.assignRole", "conflict", "the group does not exist"));
          return ok(await insertUnlessPresent(tx, `insert into ${groupRoles} (role_id, group_id) values (?, ?)`, [a.roleId, a.holder.groupId]));
        }),
      ),

    revokeRole: (a: RoleAssignment) =>
      runStorageOp("staff-access-store.revokeRole", async (): Promise<Result<boolean, StorageError>> => {
        const [sql, params] =
          a.holder.kind === "staff"
            ? [`delete from ${staffRoles} where role_id = ? and staff_id = ?`, [a.roleId, a.holder.staffId]]
            : [`delete from ${groupRoles} where role_id = ? and group_id = ?`, [a.roleId, a.holder.groupId]];
        return ok(affected(await db.em().execute(sql, params, "run")) > 0);
      }),

    snapshot: () =>
      runStorageOp("staff-access-store.snapshot", () =>
        // One transaction: the three reads see the same configuration.
        db.em().transactional(async (tx): Promise<Result<StaffAccessSnapshot, StorageError>> => {
          const groupRows = await tx.execute<{ id: string; name: string; scope_kind: string; scope_ids_json: string }[]>(
            `select id, name, scope_kind, scope_ids_json from ${groups} order by id`,
          );
          const memberRows = await tx.execute<{ group_id: string; staff_id: string }[]>(`select group_id, staff_id from ${members} order by group_id, staff_id`);
          const staffRoleRows = await tx.execute<{ role_id: string; staff_id: string }[]>(`select role_id, staff_id from ${staffRoles} order by role_id, staff_id`);
          const groupRoleRows = await tx.execute<{ role_id: string; group_id: string }[]>(`select role_id, group_id from ${groupRoles} order by role_id, group_id`);
          const decoded: StaffGroup[] = [];
          for (const r of groupRows) {
            const scope = scopeOf(r.scope_kind, r.scope_ids_json, "staff-access-store.snapshot");
            if (scope.isErr()) return err(scope.error);
            decoded.push({ id: StaffGroupId(r.id), name: r.name, scope: scope.value });
          }
          return ok({
            groups: decoded,
            memberships: memberRows.map((r) => ({ groupId: StaffGroupId(r.group_id), staffId: StaffId(r.staff_id) })),
            assignments: [
              ...staffRoleRows.map((r): RoleAssignment => ({ roleId: StaffRoleId(r.role_id), holder: { kind: "staff", staffId: StaffId(r.staff_id) } })),
              ...groupRoleRows.map((r): RoleAssignment => ({ roleId: StaffRoleId(r.role_id), holder: { kind: "group", groupId: StaffGroupId(r.group_id) } })),
            ],
          });
        }),
      ),

    healthCheck: () =>
      runStorageOp("staff-access-store.healthCheck", async (): Promise<Result<void, StorageError>> => {
        await db.em().execute(`select 1 from ${groups} limit 1`);
        return ok(undefined);
      }),
  };
};
