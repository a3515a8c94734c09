import type { ProcedureId } from "../shared/ids.ts";
import type { Procedure } from "../procedures/procedure.ts";
import type { StaffGroupScope } from "./staff-group.ts";
import type { StaffAccess } from "./staff-access.ts";

/**
 * Which applications a staff member may see, as a filter for the store's query (applied before
 * paging, so that pages and totals never count what is hidden): everything, or the applications of
 * these procedures (possibly none).
 */
export type VisibleApplicationsFilter = { readonly kind: "all" } | { readonly kind: "procedures"; readonly procedureIds: readonly ProcedureId[] };

/** Whether a scope covers the applications of a procedure handled at these offices. */
const scopeCovers = (scope: StaffGroupScope, procedureId: ProcedureId, officeIds: readonly string[]): boolean => {
  switch (scope.kind) {
    case "all":
      return true;
    case "procedures":
      return scope.procedureIds.includes(procedureId);
    case "offices":
      return officeIds.some((o) => (scope.officeIds as readonly string[]).includes(o));
  }
};

/**
 * Whether a staff member may see an application: one of their groups covers it — a group for all, a
 * group of its procedure, or a group of an office that handles its procedure. `procedure` is the
 * application's procedure in the catalog, or null when the catalog no longer has it (then it has no
 * office; all-scope groups and groups of its procedure id still see it, as the list does).
 */
export const canSeeApplication = (
  access: StaffAccess,
  application: { readonly procedureId: ProcedureId },
  procedure: Pick<Procedure, "id" | "officeIds"> | null,
): boolean =>
  access.groups.some((g) =>
    scopeCovers(g.scope, application.procedureId, procedure !== null && procedure.id === application.procedureId ? (procedure.officeIds ?? []) : []),
  );

/**
 * The store filter of the applications a staff member may see: `all` if one of their groups is for
 * all, otherwise the procedures their groups cover (by procedure, or by office through the catalog).
 * No group: no procedures — a staff member outside every group sees nothing.
 */
export const visibleApplicationsFilter = (
  access: StaffAccess,
  catalog: { readonly procedures: readonly Pick<Procedure, "id" | "officeIds">[] },
): VisibleApplicationsFilter => {
  if (access.groups.some((g) => g.scope.kind === "all")) return { kind: "all" };
  const ids = new Set<ProcedureId>();
  for (const g of access.groups) {
    if (g.scope.kind === "procedures") for (const id of g.scope.procedureIds) ids.add(id);
    else for (const p of catalog.procedures) if (scopeCovers(g.scope, p.id, p.officeIds ?? [])) ids.add(p.id);
  }
  return { kind: "procedures", procedureIds: [...ids].sort() };
};
