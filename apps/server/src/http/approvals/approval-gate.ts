import type { Request, Response } from "express";
import { consumeApproval, type ApprovalKind, type ApprovalSubject } from "@madoguchi/core";
import { recordAudit, sourceIpOf } from "../../audit/record-audit.ts";
import { requestLocale } from "../locale.ts";
import type { ServerDeps } from "../server-deps.ts";
import { staffSessionOf } from "../sessions/require-staff-session.ts";
import { approvalAnswer, type ApprovalAnswerCode } from "./approval-messages.ts";

/** The audited refusal of an approval step: `authorization.denied` with the code as reason (method and path only). */
export const recordApprovalRefusal = (deps: ServerDeps, req: Request, staffId: string, code: ApprovalAnswerCode, requestId: string | null, kind: ApprovalKind | null) =>
  recordAudit(deps, [
    {
      at: deps.clock.now(),
      actor: { kind: "staff", id: staffId },
      action: "authorization.denied",
      target: requestId === null ? null : { kind: "approval_request", id: requestId },
      result: "denied",
      sourceIp: sourceIpOf(req),
      details: { reason: code, ...(kind === null ? {} : { approvalKind: kind }), method: req.method, path: req.path.slice(0, 200) },
    },
  ]);

/**
 * For an action that needs a second person's approval (shortening the retention, an export over the
 * threshold): without `approvalId` the answer is 409 `approval.required` with the kind and subject to ask
 * for (the web offers 「承認を依頼する」 from it); with one, the approval is consumed — by its requester, for
 * this very subject, within its window, once — before the action runs. Every refusal is audited.
 * Answers true when the action may go ahead; otherwise the response has been sent.
 */
export const passApprovalGate = async (
  deps: ServerDeps,
  req: Request,
  res: Response,
  need: { readonly kind: ApprovalKind; readonly subject: ApprovalSubject; readonly approvalId: string | undefined; readonly details?: Record<string, number> },
): Promise<boolean> => {
  const staffId = staffSessionOf(res).staff.id;
  const locale = requestLocale(req);
  const refuse = async (code: ApprovalAnswerCode, requestId: string | null, extra: Record<string, unknown> = {}) => {
    await recordApprovalRefusal(deps, req, staffId, code, requestId, need.kind);
    const { status, body } = approvalAnswer(code, locale);
    res.status(status).json({ ...body, ...extra });
    return false;
  };
  if (need.approvalId === undefined || need.approvalId === "") {
    return refuse("approval.required", null, { approval: { kind: need.kind, subject: need.subject, ...(need.details ?? {}) } });
  }
  const used = await consumeApproval(
    { approvals: deps.approvals, clock: deps.clock, ids: deps.ids },
    { id: need.approvalId.slice(0, 100), staffId, kind: need.kind, subject: need.subject, sourceIp: sourceIpOf(req) },
  );
  if (used.isOk()) return true;
  const e = used.error;
  if (e._tag === "ApprovalRefused") return refuse(e.code, need.approvalId.slice(0, 100));
  if (e.reason === "conflict") return refuse("approval.conflict", need.approvalId.slice(0, 100));
  res.status(503).json({ error: { code: "storage.unavailable", message: "しばらくしてからもう一度お試しください / Please try again later" } });
  return false;
};
