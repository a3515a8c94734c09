import { Router, type Request, type Response } from "express";
import {
  accessedApplications,
  AUDIT_ACTIONS,
  auditRetentionInForce,
  readAllAuditEntries,
  type AuditAction,
  type AuditEntry,
  type AuditQuery,
} from "@madoguchi/core";
import { auditDenied, recordAudit, staffActionDraft } from "../../audit/record-audit.ts";
import type { ServerDeps } from "../server-deps.ts";
import { requireStaff, staffSession } from "../staff-auth.ts";
import { requirePermission } from "../require-permission.ts";
import { requireRecentStepUp } from "../sessions/require-recent-step-up.ts";
import { passApprovalGate } from "../approvals/approval-gate.ts";

/** An entry as JSON: ISO times, everything else as stored (ids and codes only). */
const entryJson = (e: AuditEntry) => ({ ...e, at: e.at.toISOString() });

const badRequest = (res: Response, what: string): void => {
  res.status(400).json({ error: { code: "audit.invalid_query", message: `検索条件が正しくありません（${what}） / Invalid filter (${what})` } });
};

const text = (req: Request, name: string): string | undefined => {
  const v = req.query[name];
  return typeof v === "string" && v !== "" ? v : undefined;
};

const date = (req: Request, name: string): Date | null | undefined => {
  const v = text(req, name);
  if (v === undefined) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
};

/** The filter of a request (`staffId`, `action` (comma-separated), `targetKind`+`targetId`, `from`, `to`), or the name of the bad parameter. */
const filterOf = (req: Request): Omit<AuditQuery, "afterSeq" | "limit"> | string => {
  const from = date(req, "from");
  const to = date(req, "to");
  if (from === null) return "from";
  if (to === null) return "to";
  const actions = text(req, "action")?.split(",");
  if (actions !== undefined && !actions.every((a) => AUDIT_ACTIONS.includes(a as AuditAction))) return "action";
  const staffId = text(req, "staffId");
  const targetId = text(req, "targetId");
  return {
    ...(staffId === undefined ? {} : { actor: { kind: "staff" as const, id: staffId } }),
    ...(actions === undefined ? {} : { actions: actions as AuditAction[] }),
    ...(targetId === undefined ? {} : { target: { kind: "application" as const, id: targetId } }),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
  };
};

/**
 * The audit log for staff administrators: view and filter (keyset pages), export (JSON lines), and
 * "which residents' data did this account open in this period". Reading or exporting the log is
 * itself audited. Every route requires the `audit.view` permission; the export (the whole filtered log
 * leaves the system) also a recent step-up, as every bulk export does.
 */
export const auditRoutes = (deps: ServerDeps): Router => {
  const router = Router();
  // The log says who opened which resident's data: only holders of `audit.view` (監査担当, 管理者) read it.
  const staffOnly = requireStaff(deps.sessions, auditDenied(deps));
  const canViewAudit = requirePermission(deps, "audit.view");
  const recordRead = (req: Request, res: Response, action: "audit.viewed" | "audit.exported", details: Record<string, string | number>) =>
    recordAudit(deps, [staffActionDraft(deps, req, staffSession(res).staff.id, action, { kind: "audit_log", id: "audit-log" }, details)]);
  const unavailable = (res: Response) =>
    res.status(503).json({ error: { code: "audit.unavailable", message: "しばらくしてからもう一度お試しください / Please try again later" } });

  router.get("/api/staff/audit", staffOnly, canViewAudit, async (req, res) => {
    const filter = filterOf(req);
    if (typeof filter === "string") return badRequest(res, filter);
    const afterSeq = Math.max(Number.parseInt(text(req, "afterSeq") ?? "0", 10) || 0, 0);
    const limit = Math.min(Math.max(Number.parseInt(text(req, "limit") ?? "100", 10) || 100, 1), 500);
    if (!(await recordRead(req, res, "audit.viewed", { afterSeq, limit }))) return unavailable(res);
    const page = await deps.auditLog.read({ ...filter, afterSeq, limit });
    if (page.isErr()) return unavailable(res);
    const retention = await auditRetentionInForce(deps.settings, deps.auditRetentionMonths);
    if (retention.isErr()) return unavailable(res);
    res.json({ entries: page.value.map(entryJson), retentionMonths: retention.value.months });
  });

  router.get("/api/staff/audit/export", staffOnly, canViewAudit, requireRecentStepUp(deps), async (req, res) => {
    const filter = filterOf(req);
    if (typeof filter === "string") return badRequest(res, filter);
    const all = await readAllAuditEntries(deps.auditLog, filter);
    if (all.isErr()) return unavailable(res);
    // Over the threshold, a second person's approval of this very filter (four eyes, ADR 24).
    if (all.value.length > deps.exportApprovalThreshold) {
      const subject = { staffId: text(req, "staffId") ?? null, action: text(req, "action") ?? null, targetId: text(req, "targetId") ?? null, from: text(req, "from") ?? null, to: text(req, "to") ?? null };
      const details = { rowCount: all.value.length, threshold: deps.exportApprovalThreshold };
      if (!(await passApprovalGate(deps, req, res, { kind: "audit.export", subject, approvalId: text(req, "approvalId"), details }))) return;
    }
    // Recorded before the file is sent.
    if (!(await recordRead(req, res, "audit.exported", {}))) return unavailable(res);
    res.setHeader("content-type", "application/x-ndjson; charset=utf-8");
    res.setHeader("content-disposition", 'attachment; filename="madoguchi-audit.jsonl"');
    res.send(all.value.map((e) => JSON.stringify(entryJson(e))).join("\n") + (all.value.length > 0 ? "\n" : ""));
  });

  router.get("/api/staff/audit/accessed", staffOnly, canViewAudit, async (req, res) => {
    const staffId = text(req, "staffId");
    const from = date(req, "from");
    const to = date(req, "to");
    if (staffId === undefined) return badRequest(res, "staffId");
    if (from === null || from === undefined) return badRequest(res, "from");
    if (to === null || to === undefined) return badRequest(res, "to");
    if (!(await recordRead(req, res, "audit.viewed", { query: "accessed", staffId: staffId.slice(0, 100) }))) return unavailable(res);
    const accessed = await accessedApplications(deps.auditLog, { staffId, from, to });
    if (accessed.isErr()) return unavailable(res);
    res.json({ items: accessed.value.map((a) => ({ ...a, firstAt: a.firstAt.toISOString(), lastAt: a.lastAt.toISOString() })) });
  });

  return router;
};
