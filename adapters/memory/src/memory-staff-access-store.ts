import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import {
  STAFF_ACCESS_STORE_CONTRACT,
  checkAccessInvariant,
  storageError,
  type AccessInvariant,
  type AccessWriteError,
  type AuditEntryDraft,
  type GroupMembership,
  type RoleAssignment,
  type StaffAccessSnapshot,
  type StaffAccessStore,
  type StaffGroup,
  type StorageError,
} from "@madoguchi/core";
import { appendAudit } from "./memory-audit-log-store.ts";
import { closedError } from "./memory-errors.ts";
import { copy, type MemoryState } from "./memory-state.ts";

const holderKey = (a: RoleAssignment): string =>
  `${a.roleId}\u0000${a.holder.kind}\u0000${a.holder.kind === "staff" ? a.holder.staffId : a.holder.groupId}`;

const byString = <T>(key: (t: T) => string) => (x: T, y: T) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0);

/** The three tables of access control. */
interface Tables {
  readonly groups: Map<string, StaffGroup>;
  readonly memberships: Map<string, GroupMembership>;
  readonly assignments: Map<string, RoleAssignment>;
}

const snapshotOf = (t: Tables): StaffAccessSnapshot => ({
  groups: [...t.groups.values()].map(copy).sort(byString((g) => g.id)),
  memberships: [...t.memberships.values()].map(copy).sort(byString((m) => `${m.groupId}\u0000${m.staffId}`)),
  assignments: [...t.assignments.values()].map(copy).sort(byString(holderKey)),
});

/** What one write does to a working copy of the tables: its answer and whether it changed anything, or a conflict. */
type Change = { readonly answer: boolean; readonly changed: boolean } | StorageError;

/**
 * The reference {@link StaffAccessStore}, over the memory store's shared state: its audit entries go to
 * the same log as every other append, and it closes with the other ports. A write is applied to a copy
 * of the tables, checked against the invariant, and only then made current with its audit entries —
 * one synchronous step, so it is atomic and serialised with every other call, as a transaction would be.
 */
export const memoryStaffAccessStore = (state: MemoryState): StaffAccessStore => {
  let tables: Tables = { groups: new Map(), memberships: new Map(), assignments: new Map() };
  const guard = <T>(op: string, run: () => ResultAsync<T, AccessWriteError>): ResultAsync<T, AccessWriteError> =>
    state.closed ? errAsync(closedError(`staff-access-store.${op}`)) : run();
  const noGroup = (op: string) => storageError(`staff-access-store.${op}`, "conflict", "the group does not exist");
  const write = (
    op: string,
    change: (t: Tables) => Change,
    audit: ((answer: boolean) => readonly AuditEntryDraft[]) | undefined,
    invariant: AccessInvariant | undefined,
  ): ResultAsync<boolean, AccessWriteError> =>
    guard(op, () => {
      const working: Tables = { groups: new Map(tables.groups), memberships: new Map(tables.memberships), assignments: new Map(tables.assignments) };
      const done = change(working);
      if ("_tag" in done) return errAsync(done);
      if (!done.changed) return okAsync(done.answer);
      const violated = checkAccessInvariant(invariant, `staff-access-store.${op}`, snapshotOf(tables), snapshotOf(working));
      if (violated !== null) return errAsync(violated);
      tables = working;
      appendAudit(state, audit?.(done.answer) ?? []);
      return okAsync(done.answer);
    });
  const unchanged = { answer: false, changed: false } as const;
  const changed = { answer: true, changed: true } as const;
  return {
    meta: { contract: STAFF_ACCESS_STORE_CONTRACT, name: "memory", capabilities: new Set() },
    saveGroup: (group, w = {}) =>
      write(
        "saveGroup",
        (t) => {
          const created = !t.groups.has(group.id);
          t.groups.set(group.id, copy(group));
          // A save always writes (name and scope), so it always counts as a change.
          return { answer: created, changed: true };
        },
        w.audit,
        w.invariant,
      ),
    deleteGroup: (id, w = {}) =>
      write(
        "deleteGroup",
        (t) => {
          if (!t.groups.delete(id)) return unchanged;
          for (const [k, m] of t.memberships) if (m.groupId === id) t.memberships.delete(k);
          for (const [k, a] of t.assignments) if (a.holder.kind === "group" && a.holder.groupId === id) t.assignments.delete(k);
          return changed;
        },
        () => w.audit ?? [],
        w.invariant,
      ),
    addMember: (groupId, staffId, w = {}) =>
      write(
        "addMember",
        (t) => {
          if (!t.groups.has(groupId)) return noGroup("addMember");
          const key = `${groupId}\u0000${staffId}`;
          if (t.memberships.has(key)) return unchanged;
          t.memberships.set(key, { groupId, staffId });
          return changed;
        },
        () => w.audit ?? [],
        w.invariant,
      ),
    removeMember: (groupId, staffId, w = {}) =>
      write("removeMember", (t) => (t.memberships.delete(`${groupId}\u0000${staffId}`) ? changed : unchanged), () => w.audit ?? [], w.invariant),
    assignRole: (assignment, w = {}) =>
      write(
        "assignRole",
        (t) => {
          if (assignment.holder.kind === "group" && !t.groups.has(assignment.holder.groupId)) return noGroup("assignRole");
          const key = holderKey(assignment);
          if (t.assignments.has(key)) return unchanged;
          t.assignments.set(key, copy(assignment));
          return changed;
        },
        () => w.audit ?? [],
        w.invariant,
      ),
    revokeRole: (assignment, w = {}) =>
      write("revokeRole", (t) => (t.assignments.delete(holderKey(assignment)) ? changed : unchanged), () => w.audit ?? [], w.invariant),
    snapshot: () => (state.closed ? errAsync(closedError("staff-access-store.snapshot")) : okAsync(snapshotOf(tables))),
    healthCheck: () => (state.closed ? errAsync(closedError("staff-access-store.healthCheck")) : okAsync(undefined)),
  };
};
