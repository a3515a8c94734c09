import { err, ok, type Result } from "neverthrow";
import { Schema } from "effect";
import {
  OfficeId,
  ProcedureId,
  STAFF_ACCESS_STORE_CONTRACT,
  checkAccessInvariant,
  StaffGroupId,
  StaffId,
  StaffRoleId,
  storageError,
  type AccessInvariant,
  type AccessInvariantViolated,
  type AccessWriteError,
  type AuditEntryDraft,
  type RoleAssignment,
  type StaffAccessSnapshot,
  type StaffAccessStore,
  type StaffGroup,
  type StaffGroupScope,
  type StorageError,
} from "@madoguchi/core";
import { appendAuditEntries } from "./append-audit-entries.ts";
import type { OpenedOrm } from "./open-orm.ts";
import { runStorageOp } from "./run-storage-op.ts";

type Tx = ReturnType<OpenedOrm["em"]>;

/**
 * Transaction-scoped advisory lock key serialising access-control writes on PostgreSQL (the audit
 * append lock has another key). Taken first in every write, before the audit append lock, never after
 * it, so the two cannot deadlock; the application store never takes it.
 */
const ACCESS_WRITE_LOCK_KEY = 7_462_840_313;

/** What one write did: its answer (changed / created) and whether it changed anything. */
interface Done {
  readonly answer: boolean;
  readonly changed: boolean;
}

/** Thrown inside a transaction to roll it back when the invariant fails; turned into an error value outside. */
class InvariantRollback extends Error {
  readonly violation: AccessInvariantViolated;
  constructor(violation: AccessInvariantViolated) {
    super("access invariant violated");
    this.violation = violation;
  }
}

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
 *
 * Every write is one transaction: the access write lock (PostgreSQL: an advisory lock; SQLite: its one
 * connection runs one transaction at a time), the configuration before (when there is an invariant),
 * the change, the configuration after and the invariant, then the audit entries. READ COMMITTED is
 * enough on PostgreSQL because every statement runs after the lock is held, so it sees every earlier
 * writer's commit: two concurrent revocations cannot both pass the invariant.
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
  const deleted = async (tx: Tx, sql: string, params: unknown[]): Promise<Result<Done, StorageError>> => {
    const n = affected(await tx.execute(sql, params, "run")) > 0;
    return ok({ answer: n, changed: n });
  };

  const readSnapshot = async (tx: Tx, operation: string): Promise<Result<StaffAccessSnapshot, StorageError>> => {
    const groupRows = await tx.execute<{ id: string; name: string; scope_kind: string; scope_ids_json: string }[]>(
      `select id, name, scope_kind, scope_ids_json from ${groups} order by id`,
    );
    const memberRows = await tx.execute<{ group_id: string; staff_id: string }[]>(`select group_id, staff_id from ${members} order by group_id, staff_id`);
    const staffRoleRows = await tx.execute<{ role_id: string; staff_id: string }[]>(`select role_id, staff_id from ${staffRoles} order by role_id, staff_id`);
    const groupRoleRows = await tx.execute<{ role_id: string; group_id: string }[]>(`select role_id, group_id from ${groupRoles} order by role_id, group_id`);
    const decoded: StaffGroup[] = [];
    for (const r of groupRows) {
      const scope = scopeOf(r.scope_kind, r.scope_ids_json, operation);
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
  };

  /** One write in one transaction: lock, change, invariant (rolled back when it fails), audit entries. */
  const write = (
    method: string,
    change: (tx: Tx) => Promise<Result<Done, StorageError>>,
    audit: (answer: boolean) => readonly AuditEntryDraft[],
    invariant: AccessInvariant | undefined,
  ) => {
    const operation = `staff-access-store.${method}`;
    return runStorageOp(operation, async (): Promise<Result<boolean, AccessWriteError>> => {
      try {
        return await db.em().transactional(async (tx): Promise<Result<boolean, StorageError>> => {
          if (db.dialect === "postgresql") await tx.execute(`select pg_advisory_xact_lock(${ACCESS_WRITE_LOCK_KEY})`);
          const before = invariant === undefined ? null : await readSnapshot(tx, operation);
          if (before?.isErr() === true) return err(before.error);
          const done = await change(tx);
          if (done.isErr() || !done.value.changed) return done.map((d) => d.answer);
          if (before !== null && before.isOk()) {
            const after = await readSnapshot(tx, operation);
            if (after.isErr()) throw after.error;
            const violated = checkAccessInvariant(invariant, operation, before.value, after.value);
            if (violated !== null) throw new InvariantRollback(violated);
          }
          await appendAuditEntries(tx, db.dialect, audit(done.value.answer));
          return ok(done.value.answer);
        });
      } catch (e) {
        if (e instanceof InvariantRollback) return err(e.violation);
        throw e;
      }
    });
  };

  return {
    meta: { contract: STAFF_ACCESS_STORE_CONTRACT, name: `mikro-orm-${db.dialect}`, capabilities: new Set() },

    saveGroup: (group: StaffGroup, w = {}) =>
      write(
        "saveGroup",
        async (tx) => {
          const params = [group.name, group.scope.kind, JSON.stringify(scopeIdsOf(group.scope)), group.id];
          const updated = affected(await tx.execute(`update ${groups} set name = ?, scope_kind = ?, scope_ids_json = ? where id = ?`, params, "run"));
          // A save always writes (name and scope), so it always counts as a change.
          if (updated > 0) return ok({ answer: false, changed: true });
          await tx.execute(`insert into ${groups} (name, scope_kind, scope_ids_json, id) values (?, ?, ?, ?)`, params, "run");
          return ok({ answer: true, changed: true });
        },
        (created) => w.audit?.(created) ?? [],
        w.invariant,
      ),

    deleteGroup: (id, w = {}) =>
      // Memberships and group roles follow by `on delete cascade`.
      write("deleteGroup", (tx) => deleted(tx, `delete from ${groups} where id = ?`, [id]), () => w.audit ?? [], w.invariant),

    addMember: (groupId, staffId, w = {}) =>
      write(
        "addMember",
        async (tx) => {
          if (!(await groupExists(tx, groupId))) return err(storageError("staff-access-store.addMember", "conflict", "the group does not exist"));
          const added = await insertUnlessPresent(tx, `insert into ${members} (group_id, staff_id) values (?, ?)`, [groupId, staffId]);
          return ok({ answer: added, changed: added });
        },
        () => w.audit ?? [],
        w.invariant,
      ),

    removeMember: (groupId, staffId, w = {}) =>
      write("removeMember", (tx) => deleted(tx, `delete from ${members} where group_id = ? and staff_id = ?`, [groupId, staffId]), () => w.audit ?? [], w.invariant),

    assignRole: (a: RoleAssignment, w = {}) =>
      write(
        "assignRole",
        async (tx) => {
          let added: boolean;
          if (a.holder.kind === "staff") {
            added = await insertUnlessPresent(tx, `insert into ${staffRoles} (role_id, staff_id) values (?, ?)`, [a.roleId, a.holder.staffId]);
          } else {
            if (!(await groupExists(tx, a.holder.groupId))) return err(storageError("staff-access-store.assignRole", "conflict", "the group does not exist"));
            added = await insertUnlessPresent(tx, `insert into ${groupRoles} (role_id, group_id) values (?, ?)`, [a.roleId, a.holder.groupId]);
          }
          return ok({ answer: added, changed: added });
        },
        () => w.audit ?? [],
        w.invariant,
      ),

    revokeRole: (a: RoleAssignment, w = {}) =>
      write(
        "revokeRole",
        (tx) =>
          a.holder.kind === "staff"
            ? deleted(tx, `delete from ${staffRoles} where role_id = ? and staff_id = ?`, [a.roleId, a.holder.staffId])
            : deleted(tx, `delete from ${groupRoles} where role_id = ? and group_id = ?`, [a.roleId, a.holder.groupId]),
        () => w.audit ?? [],
        w.invariant,
      ),

    snapshot: () =>
      runStorageOp("staff-access-store.snapshot", () =>
        // One transaction: the reads see the same configuration.
        db.em().transactional((tx) => readSnapshot(tx, "staff-access-store.snapshot")),
      ),

    healthCheck: () =>
      runStorageOp("staff-access-store.healthCheck", async (): Promise<Result<void, StorageError>> => {
        await db.em().execute(`select 1 from ${groups} limit 1`);
        return ok(undefined);
      }),
  };
};
