import { Router, type Request, type Response } from "express";
import { Schema } from "effect";
import {
  allowedCommands,
  APPLICATION_STATUSES,
  ApplicationId,
  changeApplicationStatus,
  STAFF_COMMAND_TYPES,
  type Application,
  type ApplicationStatus,
  type ProcedureCatalog,
  type AuditEntryDraft,
  type StaffCommandType,
} from "@madoguchi/core";
import { auditDenied, recordAudit, sourceIpOf } from "../../audit/record-audit.ts";
import { decodeBody } from "../decode-body.ts";
import { errorResponse } from "../error-response.ts";
import { procedureNameOf, statusLabels } from "../localized-labels.ts";
import { requestLocale } from "../locale.ts";
import type { ServerDeps } from "../server-deps.ts";
import { requireStaff, staffSession } from "../staff-auth.ts";

const CommandBody = Schema.Struct({
  command: Schema.Literals(STAFF_COMMAND_TYPES as readonly StaffCommandType[]),
  reason: Schema.optional(Schema.NullOr(Schema.String.pipe(Schema.check(Schema.isMaxLength(2000))))),
  expectedVersion: Schema.Int,
});

/** A row of the staff list: enough to pick an application, nothing more. */
const listItem = (catalog: ProcedureCatalog, a: Application) => ({
  id: a.id,
  receiptNumber: a.receiptNumber,
  procedureName: procedureNameOf(catalog, a.procedureId),
  applicantName: a.applicant.name,
  status: a.status,
  statusLabel: statusLabels(a.status),
  submittedAt: a.submittedAt.toISOString(),
  total: a.fee.total,
});

/** The full application as staff process it. */
const detail = (catalog: ProcedureCatalog, a: Application) => ({
  id: a.id,
  receiptNumber: a.receiptNumber,
  procedureId: a.procedureId,
  procedureName: procedureNameOf(catalog, a.procedureId),
  status: a.status,
  statusLabel: statusLabels(a.status),
  version: a.version,
  submittedAt: a.submittedAt.toISOString(),
  applicant: a.applicant,
  request: a.request,
  fee: a.fee,
  history: a.history.map((h) => ({
    from: h.from,
    to: h.to,
    toLabel: statusLabels(h.to),
    at: h.at.toISOString(),
    by: h.by.kind,
    reason: h.reason,
  })),
  signature:
    a.signature === null
      ? null
      : { signerSubject: a.signature.signerSubject, signerIssuer: a.signature.signerIssuer, verifiedAt: a.signature.verifiedAt.toISOString() },
  payment: a.payment,
  allowedCommands: allowedCommands(a.status).filter((c) => c !== "withdraw"),
});

/** The answer when an access cannot be recorded: the data is not shown (fail closed). */
const auditUnavailable = (res: Response): void => {
  res.status(503).json({ error: { code: "audit.unavailable", message: "しばらくしてからもう一度お試しください / Please try again later" } });
};

/**
 * Routes of the staff back office (login and logout are in staff-login-routes.ts). Every access to
 * personal data and every refusal is recorded in the audit log before the data is sent; status changes are
 * recorded by the use case, in the change's own transaction.
 */
export const staffRoutes = (deps: ServerDeps): Router => {
  const router = Router();
  const staffDraft = (req: Request, res: Response, action: AuditEntryDraft["action"], target: AuditEntryDraft["target"], details: AuditEntryDraft["details"] = {}): AuditEntryDraft => ({
    at: deps.clock.now(),
    actor: { kind: "staff", id: staffSession(res).staff.id },
    action,
    target,
    result: "success",
    sourceIp: sourceIpOf(req),
    details,
  });

  const staffOnly = requireStaff(deps.sessions, auditDenied(deps));

  router.get("/api/staff/applications", staffOnly, async (req: Request, res: Response) => {
    const status = typeof req.query["status"] === "string" ? req.query["status"] : "";
    const limit = Math.min(Math.max(Number.parseInt(String(req.query["limit"] ?? "50"), 10) || 50, 1), 200);
    const offset = Math.max(Number.parseInt(String(req.query["offset"] ?? "0"), 10) || 0, 0);
    const statuses = APPLICATION_STATUSES.includes(status as ApplicationStatus) ? [status as ApplicationStatus] : undefined;
    const page = await deps.applications.list({ ...(statuses ? { statuses } : {}), limit, offset });
    if (page.isErr()) {
      const { status: code, body } = errorResponse(page.error, requestLocale(req));
      res.status(code).json(body);
      return;
    }
    // The list shows applicants' names: each listed application is an access to that resident's data.
    const listed = page.value.items.map((a) => staffDraft(req, res, "application.listed", { kind: "application", id: a.id }));
    if (!(await recordAudit(deps, listed))) return auditUnavailable(res);
    res.json({ items: page.value.items.map((a) => listItem(deps.catalog, a)), total: page.value.total });
  });

  router.get("/api/staff/applications/:id", staffOnly, async (req, res) => {
    const found = await deps.applications.findById(ApplicationId(String(req.params["id"])));
    if (found.isErr() || found.value === null) {
      const { status, body } = errorResponse(
        found.isErr() ? found.error : { _tag: "ApplicationNotFound", code: "application.not_found" },
        requestLocale(req),
      );
      res.status(status).json(body);
      return;
    }
    if (!(await recordAudit(deps, [staffDraft(req, res, "application.viewed", { kind: "application", id: found.value.id })]))) return auditUnavailable(res);
    res.json(detail(deps.catalog, found.value));
  });

  router.post("/api/staff/applications/:id/commands", staffOnly, async (req, res) => {
    const locale = requestLocale(req);
    const body = decodeBody(CommandBody, req, res, locale);
    if (body === null) return;
    const staff = staffSession(res).staff;
    const result = await changeApplicationStatus(
      { store: deps.applications, clock: deps.clock, ids: deps.ids },
      {
        applicationId: ApplicationId(String(req.params["id"])),
        command: body.command,
        reason: body.reason ?? null,
        expectedVersion: body.expectedVersion,
        actor: { kind: "staff", staffId: staff.id },
        sourceIp: sourceIpOf(req),
      },
    );
    if (result.isErr()) {
      // A refused change is recorded too (the successful one was, in its transaction).
      await recordAudit(deps, [
        {
          ...staffDraft(req, res, "application.status_changed", { kind: "application", id: String(req.params["id"]).slice(0, 100) }, { command: body.command, code: "code" in result.error ? result.error.code : result.error.reason }),
          result: "failure",
        },
      ]);
      const { status, body: errorBody } = errorResponse(result.error, locale);
      res.status(status).json(errorBody);
      return;
    }
    deps.kickOutbox();
    deps.logger.info({ audit: true, event: "application.status_changed", staffId: staff.id, target: result.value.id, result: "success" }, "audit");
    res.json(detail(deps.catalog, result.value));
  });

  return router;
};
