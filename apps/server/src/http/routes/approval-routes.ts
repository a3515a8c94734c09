import { Router, type Request, type Response } from "express";
import { Schema } from "effect";
import {
  APPROVAL_KINDS,
  APPROVAL_PERMISSION,
  approvalStateAt,
  decideApprovalRequest,
  decodeApprovalSubject,
  mayDecide,
  permissionsOf,
  readStaffAccess,
  requestApproval,
  StaffId,
  type ApprovalKind,
  type ApprovalRequest,
  type Approver,
  type StaffPermission,
} from "@madoguchi/core";
import { auditDenied, sourceIpOf } from "../../audit/record-audit.ts";
import { recordApprovalRefusal } from "../approvals/approval-gate.ts";
import { approvalAnswer, type ApprovalAnswerCode } from "../approvals/approval-messages.ts";
import { decodeBody } from "../decode-body.ts";
import { requestLocale } from "../locale.ts";
import { RETENTION_SETTING_ROUTES, retentionOf } from "../../retention/retention-settings.ts";
import type { ServerDeps } from "../server-deps.ts";
import { requireRecentStepUp } from "../sessions/require-recent-step-up.ts";
import { requireStaffSession, staffSessionOf } from "../sessions/require-staff-session.ts";

const CreateBody = Schema.Struct({ kind: Schema.Literals(APPROVAL_KINDS), subject: Schema.Unknown });

/** Requests shown: pending and approved ones (decided and used ones are in the audit log), at most this many. */
const LIST_LIMIT = 200;

const unavailable = (res: Response): void => {
  res.status(503).json({ error: { code: "storage.unavailable", message: "しばらくしてからもう一度お試しください / Please try again later" } });
};

/**
 * Two-person approval on the staff listener (docs/adr/0024-two-person-approval.md): ask for an approval
 * (holders of the action's permission), list what the member may decide and their own requests, approve
 * or reject (another member holding the permission, recent step-up, CSRF token). Carrying out happens on
 * the action's own route with the `approvalId` (settings-routes.ts, the two exports). Every request,
 * decision and refusal is audited; requests and decisions in the write's own transaction.
 */
export const approvalRoutes = (deps: ServerDeps): Router => {
  const router = Router();
  const staffOnly = requireStaffSession(deps.sessions, auditDenied(deps));
  const approvalDeps = { approvals: deps.approvals, clock: deps.clock, ids: deps.ids };

  /** The member as an approver: roles read fresh, active unless the account is unknown or disabled. */
  const approverOf = async (staffId: string): Promise<Approver | null> => {
    const [access, account, state] = await Promise.all([readStaffAccess(deps.staffAccess, StaffId(staffId)), deps.staff.findById(StaffId(staffId)), deps.staffLogin.accountState(staffId)]);
    if (access.isErr() || account.isErr() || state.isErr()) return null;
    return { staffId, active: account.value !== null && !state.value.disabled, permissions: permissionsOf(access.value) };
  };

  const displayNames = async (ids: readonly string[]): Promise<Map<string, string>> => {
    const names = new Map<string, string>();
    for (const id of new Set(ids)) {
      const found = await deps.staff.findById(StaffId(id));
      if (found.isOk() && found.value !== null) names.set(id, found.value.displayName);
    }
    return names;
  };

  const view = (r: ApprovalRequest, me: Approver, names: Map<string, string>, now: Date) => {
    const state = approvalStateAt(r, now);
    return {
      id: r.id,
      kind: r.kind,
      subject: r.subject,
      state,
      requestedBy: { id: r.requestedBy, displayName: names.get(r.requestedBy) ?? r.requestedBy },
      requestedAt: r.requestedAt.toISOString(),
      expiresAt: r.expiresAt.toISOString(),
      decidedBy: r.decidedBy === null ? null : { id: r.decidedBy, displayName: names.get(r.decidedBy) ?? r.decidedBy },
      decidedAt: r.decidedAt?.toISOString() ?? null,
      usableUntil: r.usableUntil?.toISOString() ?? null,
      mine: r.requestedBy === me.staffId,
      canDecide: state === "pending" && mayDecide(r, me).isOk(),
      canCarryOut: state === "approved" && r.requestedBy === me.staffId,
    };
  };

  router.get("/api/staff/approvals", staffOnly, async (_req: Request, res: Response) => {
    const me = await approverOf(staffSessionOf(res).staff.id);
    if (me === null) return unavailable(res);
    const listed = await deps.approvals.list({ statuses: ["pending", "approved"], limit: LIST_LIMIT });
    if (listed.isErr()) return unavailable(res);
    const now = deps.clock.now();
    const visible = listed.value.filter((r) => {
      const state = approvalStateAt(r, now);
      if (state === "expired") return false;
      return r.requestedBy === me.staffId || (state === "pending" && mayDecide(r, me).isOk());
    });
    const names = await displayNames(visible.flatMap((r) => [r.requestedBy, ...(r.decidedBy === null ? [] : [r.decidedBy])]));
    const approvable = APPROVAL_KINDS.filter((k) => me.permissions.has(APPROVAL_PERMISSION[k]));
    res.json({ items: visible.map((r) => view(r, me, names, now)), approvableKinds: approvable });
  });

  router.post("/api/staff/approvals", staffOnly, async (req: Request, res: Response) => {
    const locale = requestLocale(req);
    const body = decodeBody(CreateBody, req, res, locale);
    if (body === null) return;
    const staffId = staffSessionOf(res).staff.id;
    const kind: ApprovalKind = body.kind;
    const refuse = async (code: ApprovalAnswerCode) => {
      await recordApprovalRefusal(deps, req, staffId, code, null, kind);
      const { status, body: answer } = approvalAnswer(code, locale);
      res.status(status).json(answer);
    };
    const me = await approverOf(staffId);
    if (me === null) return unavailable(res);
    // Only someone who may carry out the action asks for it.
    const needed: StaffPermission = APPROVAL_PERMISSION[kind];
    if (!me.permissions.has(needed)) return refuse("approval.not_permitted");
    // A shortening of a retention is asked for only when it does shorten the period in force.
    const retention = RETENTION_SETTING_ROUTES.find((r) => r.shortening === kind);
    if (retention !== undefined) {
      const subject = decodeApprovalSubject(kind, body.subject);
      if (subject.isErr()) return refuse("approval.invalid_subject");
      const inForce = await retentionOf(deps, retention);
      if (inForce.isErr()) return unavailable(res);
      if (Number(subject.value["months"]) >= inForce.value.months) return refuse("approval.not_needed");
    }
    const created = await requestApproval(approvalDeps, { kind, subject: body.subject, staffId, sourceIp: sourceIpOf(req) });
    if (created.isErr()) {
      if (created.error._tag === "ApprovalRefused") return refuse(created.error.code);
      return unavailable(res);
    }
    const names = await displayNames([staffId]);
    res.status(201).json(view(created.value, me, names, deps.clock.now()));
  });

  const decide = (decision: "approve" | "reject") => async (req: Request, res: Response) => {
    const locale = requestLocale(req);
    const staffId = staffSessionOf(res).staff.id;
    const id = String(req.params["id"]).slice(0, 100);
    const me = await approverOf(staffId);
    if (me === null) return unavailable(res);
    const decided = await decideApprovalRequest(approvalDeps, { id, approver: me, decision, sourceIp: sourceIpOf(req) });
    if (decided.isOk()) {
      const names = await displayNames([decided.value.requestedBy, staffId]);
      res.json(view(decided.value, me, names, deps.clock.now()));
      return;
    }
    const e = decided.error;
    const code: ApprovalAnswerCode | null = e._tag === "ApprovalRefused" ? e.code : e.reason === "conflict" ? "approval.conflict" : null;
    if (code === null) return unavailable(res);
    const found = await deps.approvals.get(id);
    await recordApprovalRefusal(deps, req, staffId, code, found.isOk() && found.value !== null ? id : null, found.isOk() ? (found.value?.kind ?? null) : null);
    const { status, body } = approvalAnswer(code, locale);
    res.status(status).json(body);
  };

  router.post("/api/staff/approvals/:id/approve", staffOnly, requireRecentStepUp(deps), decide("approve"));
  router.post("/api/staff/approvals/:id/reject", staffOnly, requireRecentStepUp(deps), decide("reject"));

  return router;
};
