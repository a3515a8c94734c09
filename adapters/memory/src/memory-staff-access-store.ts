import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import {
  STAFF_ACCESS_STORE_CONTRACT,
  storageError,
  type GroupMembership,
  type RoleAssignment,
  type StaffAccessStore,
  type StaffGroup,
  type StorageError,
} from "@madoguchi/core";
import { closedError } from "./memory-errors.ts";
import { copy } from "./memory-state.ts";

const holderKey = (a: RoleAssignment): string =>
  `${a.roleId}\u0000${a.holder.kind}\u0000${a.holder.kind === "staff" ? a.holder.staffId : a.holder.groupId}`;

const byString = <T>(key: (t: T) => string) => (x: T, y: T) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0);

/**
 * The reference {@link StaffAccessStore}. `isClosed` is the memory store's state, so that this port
 * closes with the others, as tables of one database would.
 */
export const memoryStaffAccessStore = (isClosed: () => boolean): StaffAccessStore => {
  const groups = new Map<string, StaffGroup>();
  const memberships = new Map<string, GroupMembership>();
  const assignments = new Map<string, RoleAssignment>();
  const guard = <T>(op: string, run: () => ResultAsync<T, StorageError>): ResultAsync<T, StorageError> =>
    isClosed() ? errAsync(closedError(`staff-access-store.${op}`)) : run();
  const noGroup = (op: string) => storageError(`staff-access-store.${op}`, "conflict", "the group does not exist");
  return {
    meta: { contract: STAFF_ACCESS_STORE_CONTRACT, name: "memory", capabilities: new Set() },
    saveGroup: (group) =>
      guard("saveGroup", () => {
        const created = !groups.has(group.id);
        groups.set(group.id, copy(group));
        return okAsync(created);
      }),
    deleteGroup: (id) =>
      guard("deleteGroup", () => {
        if (!groups.delete(id)) return okAsync(false);
        for (const [k, m] of memberships) if (m.groupId === id) memberships.delete(k);
        for (const [k, a] of assignments) if (a.holder.kind === "group" && a.holder.groupId === id) assignments.delete(k);
        return okAsync(true);
      }),
    addMember: (groupId, staffId) =>
      guard("addMember", () => {
        if (!groups.has(groupId)) return errAsync(noGroup("addMember"));
        const key = `${groupId}\u0000${staffId}`;
        if (memberships.has(key)) return okAsync(false);
        memberships.set(key, { groupId, staffId });
        return okAsync(true);
      }),
    removeMember: (groupId, staffId) => guard("removeMember", () => okAsync(memberships.delete(`${groupId}\u0000${staffId}`))),
    assignRole: (assignment) =>
      guard("assignRole", () => {
        if (assignment.holder.kind === "group" && !groups.has(assignment.holder.groupId)) return errAsync(noGroup("assignRole"));
        const key = holderKey(assignment);
        if (assignments.has(key)) return okAsync(false);
        assignments.set(key, copy(assignment));
        return okAsync(true);
      }),
    revokeRole: (assignment) => guard("revokeRole", () => okAsync(assignments.delete(holderKey(assignment)))),
    snapshot: () =>
      guard("snapshot", () =>
        okAsync({
          groups: [...groups.values()].map(copy).sort(byString((g) => g.id)),
          memberships: [...memberships.values()].map(copy).sort(byString((m) => `${m.groupId}\u0000${m.staffId}`)),
          assignments: [...assignments.values()].map(copy).sort(byString(holderKey)),
        }),
      ),
    healthCheck: () => guard("healthCheck", () => okAsync(undefined)),
  };
};
