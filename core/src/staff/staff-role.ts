import type { Brand } from "../shared/ids.ts";
import type { Localized } from "../shared/localized.ts";
import type { StaffPermission } from "./staff-permission.ts";

/** Id of a role, e.g. `processor`. */
export type StaffRoleId = Brand<string, "StaffRoleId">;
export const StaffRoleId = (s: string): StaffRoleId => s as StaffRoleId;

/** A role: a named set of permissions, assigned to staff members directly or to groups. */
export interface StaffRole {
  readonly id: StaffRoleId;
  readonly name: Localized;
  readonly permissions: readonly StaffPermission[];
}

/**
 * The built-in roles. Kept in code, not in the database, so that every installation means the same by
 * "処理担当" and an upgrade that adds a permission updates the role everywhere (docs/adr/0016-staff-authorization.md).
 * The auditor reads the audit log and nothing else: who checks the processors is not one of them.
 */
export const BUILT_IN_ROLES: readonly StaffRole[] = [
  { id: StaffRoleId("viewer"), name: { ja: "閲覧者", en: "Viewer" }, permissions: ["applications.view"] },
  {
    id: StaffRoleId("processor"),
    name: { ja: "処理担当", en: "Processor" },
    permissions: ["applications.view", "applications.process", "fees.change", "applications.export"],
  },
  {
    id: StaffRoleId("administrator"),
    name: { ja: "管理者", en: "Administrator" },
    permissions: [
      "applications.view",
      "applications.process",
      "fees.change",
      "applications.export",
      "forms.manage",
      "staff.manage",
      "retention.manage",
      "audit.view",
      "counter.use",
    ],
  },
  // The counter (書かない窓口): reads what residents bring and prints the forms they sign; no online applications.
  { id: StaffRoleId("counter"), name: { ja: "窓口担当", en: "Counter clerk" }, permissions: ["counter.use"] },
  { id: StaffRoleId("auditor"), name: { ja: "監査担当", en: "Auditor" }, permissions: ["audit.view"] },
];

/** The built-in role with this id, or null. */
export const findStaffRole = (id: string): StaffRole | null => BUILT_IN_ROLES.find((r) => r.id === id) ?? null;
