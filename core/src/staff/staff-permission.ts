import { Schema } from "effect";

/**
 * Every function of the back office that access control decides on (S10). Permissions say *what* a
 * staff member may do; their groups say *which applications* they may do it to (S1).
 */
export const STAFF_PERMISSIONS = [
  "applications.view",
  "applications.process",
  "fees.change",
  "applications.export",
  "forms.manage",
  "staff.manage",
  "retention.manage",
  "audit.view",
  "counter.use",
] as const;

/** One back-office function, e.g. `applications.process`. */
export type StaffPermission = (typeof STAFF_PERMISSIONS)[number];

/** Schema of a permission name, for the boundaries (admin API, stored rows). */
export const StaffPermissionSchema = Schema.Literals(STAFF_PERMISSIONS);

/** Whether a string is a known permission name. */
export const isStaffPermission = (s: string): s is StaffPermission => (STAFF_PERMISSIONS as readonly string[]).includes(s);
