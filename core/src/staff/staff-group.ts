import type { Brand, ProcedureId } from "../shared/ids.ts";
import type { OfficeId } from "../procedures/office.ts";

/** Id of a staff group. */
export type StaffGroupId = Brand<string, "StaffGroupId">;
export const StaffGroupId = (s: string): StaffGroupId => s as StaffGroupId;

/**
 * Which applications a group's members see (S1): all of them (a small municipality's one group), those
 * of some procedures (a 課 per procedure), or those handled at some offices (one group per 区役所/支所;
 * an application's office comes from its procedure in the catalog, docs/adr/0016-staff-authorization.md).
 */
export type StaffGroupScope =
  | { readonly kind: "all" }
  | { readonly kind: "procedures"; readonly procedureIds: readonly ProcedureId[] }
  | { readonly kind: "offices"; readonly officeIds: readonly OfficeId[] };

/** A group of staff members sharing a scope of applications (and possibly roles). */
export interface StaffGroup {
  readonly id: StaffGroupId;
  /** Shown to administrators, e.g. 「中央区役所 市民課」. Not personal data. */
  readonly name: string;
  readonly scope: StaffGroupScope;
}
