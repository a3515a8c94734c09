import type { StaffId } from "../shared/ids.ts";
import type { StaffGroup, StaffGroupId } from "./staff-group.ts";
import type { StaffPermission } from "./staff-permission.ts";
import { findStaffRole, type StaffRoleId } from "./staff-role.ts";

/** Who holds a role: one staff member, or every member of a group. */
export type RoleHolder = { readonly kind: "staff"; readonly staffId: StaffId } | { readonly kind: "group"; readonly groupId: StaffGroupId };

/** A role given to a staff member or a group. */
export interface RoleAssignment {
  readonly roleId: StaffRoleId;
  readonly holder: RoleHolder;
}

/** A staff member's membership of a group. */
export interface GroupMembership {
  readonly groupId: StaffGroupId;
  readonly staffId: StaffId;
}

/** Everything access control knows: groups, who is in which, who holds which role. */
export interface StaffAccessSnapshot {
  readonly groups: readonly StaffGroup[];
  readonly memberships: readonly GroupMembership[];
  readonly assignments: readonly RoleAssignment[];
}

/** One staff member's access: the groups they are in and the roles they hold (directly or through a group). */
export interface StaffAccess {
  readonly staffId: StaffId;
  readonly groups: readonly StaffGroup[];
  /** Assignments that apply to this member: their own, and those of their groups (members inherit). */
  readonly assignments: readonly RoleAssignment[];
}

/** The access of one staff member, read from the whole configuration. A stranger has none: no groups, no roles. */
export const staffAccessOf = (snapshot: StaffAccessSnapshot, staffId: StaffId): StaffAccess => {
  const groupIds = new Set(snapshot.memberships.filter((m) => m.staffId === staffId).map((m) => m.groupId));
  return {
    staffId,
    groups: snapshot.groups.filter((g) => groupIds.has(g.id)),
    assignments: snapshot.assignments.filter((a) =>
      a.holder.kind === "staff" ? a.holder.staffId === staffId : groupIds.has(a.holder.groupId),
    ),
  };
};

/**
 * The permissions of a staff member: the union of the permissions of every role they hold, directly or
 * through a group they are a member of. An unknown role id (e.g. a role dropped in a later version)
 * grants nothing.
 */
export const permissionsOf = (access: StaffAccess): ReadonlySet<StaffPermission> => {
  const out = new Set<StaffPermission>();
  for (const a of access.assignments) for (const p of findStaffRole(a.roleId)?.permissions ?? []) out.add(p);
  return out;
};

/** Whether a staff member holds a permission. */
export const hasPermission = (access: StaffAccess, permission: StaffPermission): boolean => permissionsOf(access).has(permission);
