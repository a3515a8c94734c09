import type { AccessConfig, GroupScope } from "./staff-access-api.ts";

type Lang = "ja" | "en";

/** A group's scope in words: 「すべての申請」, or the names of its procedures or offices. */
export const scopeSummary = (scope: GroupScope, config: Pick<AccessConfig, "procedures" | "offices">, lang: Lang, allLabel: string): string => {
  switch (scope.kind) {
    case "all":
      return allLabel;
    case "procedures":
      return scope.procedureIds.map((id) => config.procedures.find((p) => p.id === id)?.name[lang] ?? id).join("、");
    case "offices":
      return scope.officeIds.map((id) => config.offices.find((o) => o.id === id)?.name[lang] ?? id).join("、");
  }
};

/** A staff member as administrators know them: 「名前（ログインID）」, or the id when the account is gone. */
export const staffLabel = (config: Pick<AccessConfig, "staff">, staffId: string): string => {
  const s = config.staff.find((x) => x.id === staffId);
  return s === undefined ? staffId : `${s.displayName}（${s.loginId}）`;
};

/** One row per group with its members and roles, and the roles given directly to staff, for the page. */
export const accessRows = (config: AccessConfig, lang: Lang) => {
  const roleName = (id: string) => config.roles.find((r) => r.id === id)?.name[lang] ?? id;
  return {
    groups: config.groups.map((g) => ({
      group: g,
      members: config.memberships.filter((m) => m.groupId === g.id).map((m) => m.staffId),
      roles: config.assignments
        .filter((a) => a.holder.kind === "group" && a.holder.groupId === g.id)
        .map((a) => ({ id: a.roleId, name: roleName(a.roleId) })),
    })),
    direct: config.assignments
      .flatMap((a) => (a.holder.kind === "staff" ? [{ staffId: a.holder.staffId, roleId: a.roleId, roleName: roleName(a.roleId) }] : []))
      .sort((x, y) => (x.staffId === y.staffId ? x.roleId.localeCompare(y.roleId) : x.staffId.localeCompare(y.staffId))),
  };
};
