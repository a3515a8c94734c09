import { requestJson } from "../../../api.ts";
import type { Locale } from "../../../i18n/locale.ts";

/** A text in both UI languages, as the server sends catalog names. */
export interface LocalizedText {
  readonly ja: string;
  readonly en: string;
}

/** A group's scope, as `/api/staff/access` sends and takes it. */
export type GroupScope =
  | { readonly kind: "all" }
  | { readonly kind: "procedures"; readonly procedureIds: readonly string[] }
  | { readonly kind: "offices"; readonly officeIds: readonly string[] };

export interface AccessGroup {
  readonly id: string;
  readonly name: string;
  readonly scope: GroupScope;
}

export type RoleHolder = { readonly kind: "staff"; readonly staffId: string } | { readonly kind: "group"; readonly groupId: string };

/** The whole access configuration with what the forms offer (roles, procedures, offices). */
export interface AccessConfig {
  readonly groups: readonly AccessGroup[];
  readonly memberships: readonly { readonly groupId: string; readonly staffId: string }[];
  readonly assignments: readonly { readonly roleId: string; readonly holder: RoleHolder }[];
  readonly roles: readonly { readonly id: string; readonly name: LocalizedText; readonly permissions: readonly string[] }[];
  readonly procedures: readonly { readonly id: string; readonly name: LocalizedText; readonly officeIds: readonly string[] }[];
  readonly offices: readonly { readonly id: string; readonly name: LocalizedText }[];
  /** Login IDs and names of the staff the configuration names. */
  readonly staff: readonly { readonly id: string; readonly loginId: string; readonly displayName: string }[];
}

/** A holder as the forms send it: a login id typed by the administrator, a listed staff id, or a group. */
export type HolderInput = { readonly kind: "staff"; readonly loginId: string } | RoleHolder;

/** Calls of the access administration API (`staff.manage`). */
export const createAccessApi = (locale: Locale) => {
  const base = "/api/staff/access";
  return {
    load: (signal?: AbortSignal) => requestJson<AccessConfig>("GET", base, { locale, ...(signal ? { signal } : {}) }),
    saveGroup: (id: string, body: { name: string; scope: GroupScope }, csrfToken: string) =>
      requestJson<{ group: AccessGroup }>("POST", `${base}/groups/${encodeURIComponent(id)}`, { locale, body, csrfToken }),
    deleteGroup: (id: string, csrfToken: string) => requestJson<{ ok: true }>("DELETE", `${base}/groups/${encodeURIComponent(id)}`, { locale, csrfToken }),
    addMember: (groupId: string, loginId: string, csrfToken: string) =>
      requestJson<{ changed: boolean }>("POST", `${base}/groups/${encodeURIComponent(groupId)}/members`, { locale, body: { loginId }, csrfToken }),
    removeMember: (groupId: string, staffId: string, csrfToken: string) =>
      requestJson<{ changed: boolean }>("DELETE", `${base}/groups/${encodeURIComponent(groupId)}/members/${encodeURIComponent(staffId)}`, { locale, csrfToken }),
    assignRole: (roleId: string, holder: HolderInput, csrfToken: string) =>
      requestJson<{ changed: boolean }>("POST", `${base}/roles`, { locale, body: { roleId, holder }, csrfToken }),
    revokeRole: (roleId: string, holder: HolderInput, csrfToken: string) =>
      requestJson<{ changed: boolean }>("POST", `${base}/roles/revoke`, { locale, body: { roleId, holder }, csrfToken }),
  };
};
