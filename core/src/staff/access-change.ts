import type { Procedure } from "../procedures/procedure.ts";
import type { ProcedureId, StaffId } from "../shared/ids.ts";
import { canSeeApplication } from "./application-visibility.ts";
import type { StaffGroupId } from "./staff-group.ts";
import type { StaffPermission } from "./staff-permission.ts";
import { permissionsOf, staffAccessOf, type RoleAssignment, type StaffAccessSnapshot } from "./staff-access.ts";

/** A change that takes access away: the ones that could lock every administrator out. */
export type AccessRemoval =
  | { readonly kind: "deleteGroup"; readonly groupId: StaffGroupId }
  | { readonly kind: "removeMember"; readonly groupId: StaffGroupId; readonly staffId: StaffId }
  | { readonly kind: "revokeRole"; readonly assignment: RoleAssignment };

const sameHolder = (a: RoleAssignment, b: RoleAssignment): boolean =>
  a.roleId === b.roleId &&
  a.holder.kind === b.holder.kind &&
  (a.holder.kind === "staff" ? a.holder.staffId === (b.holder as { staffId: StaffId }).staffId : a.holder.groupId === (b.holder as { groupId: StaffGroupId }).groupId);

/** The configuration after a removal, as the store would hold it (a deleted group takes its members and roles along). */
export const applyAccessRemoval = (s: StaffAccessSnapshot, change: AccessRemoval): StaffAccessSnapshot => {
  switch (change.kind) {
    case "deleteGroup":
      return {
        groups: s.groups.filter((g) => g.id !== change.groupId),
        memberships: s.memberships.filter((m) => m.groupId !== change.groupId),
        assignments: s.assignments.filter((a) => a.holder.kind !== "group" || a.holder.groupId !== change.groupId),
      };
    case "removeMember":
      return { ...s, memberships: s.memberships.filter((m) => m.groupId !== change.groupId || m.staffId !== change.staffId) };
    case "revokeRole":
      return { ...s, assignments: s.assignments.filter((a) => !sameHolder(a, change.assignment)) };
  }
};

/** Every staff member (known to the configuration) who holds a permission, directly or through a group. */
export const staffHolding = (s: StaffAccessSnapshot, permission: StaffPermission): readonly StaffId[] => {
  const people = new Set<StaffId>([
    ...s.memberships.map((m) => m.staffId),
    ...s.assignments.flatMap((a) => (a.holder.kind === "staff" ? [a.holder.staffId] : [])),
  ]);
  return [...people].filter((id) => permissionsOf(staffAccessOf(s, id)).has(permission)).sort();
};

/**
 * Whether a removal would leave nobody able to manage access (`staff.manage`) while someone can now:
 * such a change is refused, because no one could undo it from the back office.
 */
export const leavesNoAdministrator = (s: StaffAccessSnapshot, change: AccessRemoval): boolean =>
  staffHolding(s, "staff.manage").length > 0 && staffHolding(applyAccessRemoval(s, change), "staff.manage").length === 0;

/**
 * Who is told of a new application (S7): every staff member who may process it — holding `applications.process`
 * and in a group that covers its procedure (or office), exactly who will find it in their list.
 */
export const processorsOf = (
  s: StaffAccessSnapshot,
  application: { readonly procedureId: ProcedureId },
  procedure: Pick<Procedure, "id" | "officeIds"> | null,
): readonly StaffId[] => staffHolding(s, "applications.process").filter((id) => canSeeApplication(staffAccessOf(s, id), application, procedure));

/**
 * S7 reminders: for each staff member who may process them ({@link processorsOf}), the applications of `waiting`
 * they would find in their list, in the order given. Members with none are left out.
 */
export const waitingByProcessor = <A extends { readonly procedureId: ProcedureId }>(
  s: StaffAccessSnapshot,
  waiting: readonly A[],
  procedureOf: (a: A) => Pick<Procedure, "id" | "officeIds"> | null,
): ReadonlyMap<StaffId, readonly A[]> => {
  const byStaff = new Map<StaffId, A[]>();
  for (const a of waiting) {
    for (const id of processorsOf(s, a, procedureOf(a))) byStaff.set(id, [...(byStaff.get(id) ?? []), a]);
  }
  return byStaff;
};
