import { requestJson } from "../../../api.ts";
import type { ApiError } from "../../../api-result.ts";
import type { Locale } from "../../../i18n/locale.ts";

/** The actions that need a second person's approval (core's `APPROVAL_KINDS`). */
export type ApprovalKind = "retention.shorten" | "applications.retention.shorten" | "applications.export" | "audit.export" | "fee.change";

/** What is approved: the new retention (either kind) or an export's filter (ids, codes and dates only). */
export type ApprovalSubject = Readonly<Record<string, string | number | null>>;

/** A request as `GET /api/staff/approvals` shows it to the member. */
export interface ApprovalView {
  readonly id: string;
  readonly kind: ApprovalKind;
  readonly subject: ApprovalSubject;
  readonly state: "pending" | "approved" | "rejected" | "used" | "expired";
  readonly requestedBy: { readonly id: string; readonly displayName: string };
  readonly requestedAt: string;
  readonly expiresAt: string;
  readonly decidedBy: { readonly id: string; readonly displayName: string } | null;
  readonly decidedAt: string | null;
  readonly usableUntil: string | null;
  readonly mine: boolean;
  readonly canDecide: boolean;
  readonly canCarryOut: boolean;
}

const BASE = "/api/staff/approvals";

/** The approval endpoints of the staff listener (docs/adr/0024-two-person-approval.md). */
export const approvalsApi = (locale: Locale) => ({
  list: (signal?: AbortSignal) =>
    requestJson<{ items: readonly ApprovalView[]; approvableKinds: readonly ApprovalKind[] }>("GET", BASE, signal === undefined ? { locale } : { locale, signal }),
  create: (kind: ApprovalKind, subject: ApprovalSubject, csrfToken: string) => requestJson<ApprovalView>("POST", BASE, { locale, body: { kind, subject }, csrfToken }),
  decide: (id: string, decision: "approve" | "reject", csrfToken: string) =>
    requestJson<ApprovalView>("POST", `${BASE}/${encodeURIComponent(id)}/${decision}`, { locale, body: {}, csrfToken }),
});

/** Whether a refusal means "ask a colleague first" (the page then offers 「承認を依頼する」). */
export const needsApproval = (error: ApiError): boolean => error.code === "approval.required";

/** The subject of an applications export: its status filter ("" = every status) and the chosen columns, as the server derives it. */
export const applicationsExportSubject = (status: string, columns: readonly string[]): ApprovalSubject => ({ status: status === "" ? null : status, columns: columns.join(",") });

/** The subject of an audit export: the filter parameters the export URL carries, each null when absent. */
export const auditExportSubject = (params: Readonly<Record<string, string>>): ApprovalSubject => ({
  staffId: params["staffId"] ?? null,
  action: params["action"] ?? null,
  targetId: params["targetId"] ?? null,
  from: params["from"] ?? null,
  to: params["to"] ?? null,
});

/** The export URL that carries out an approved export of `subject`. */
export const approvedExportUrl = (kind: "applications.export" | "audit.export", subject: ApprovalSubject, approvalId: string): string => {
  const params = new URLSearchParams();
  if (kind === "applications.export") params.set("encoding", "utf-8");
  for (const [key, value] of Object.entries(subject)) if (value !== null) params.set(key, String(value));
  params.set("approvalId", approvalId);
  return `${kind === "applications.export" ? "/api/staff/applications/export" : "/api/staff/audit/export"}?${params.toString()}`;
};
