import type { AuditAction, AuditEntryDraft } from "../audit/audit-entry.ts";
import { canonicalSubject, type ApprovalRequest } from "./approval-request.ts";

/**
 * The audit entry of one approval step, written in the step's own transaction: who acted, on which
 * request, its kind and subject (ids, codes and dates only) and the requester.
 */
export const approvalAudit = (
  action: Extract<AuditAction, "approval.requested" | "approval.approved" | "approval.rejected" | "approval.used">,
  request: ApprovalRequest,
  staffId: string,
  sourceIp: string | null,
  at: Date,
): AuditEntryDraft => ({
  at,
  actor: { kind: "staff", id: staffId },
  action,
  target: { kind: "approval_request", id: request.id },
  result: "success",
  sourceIp,
  details: { kind: request.kind, subject: canonicalSubject(request.subject), requestedBy: request.requestedBy },
});
