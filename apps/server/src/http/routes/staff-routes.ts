import { Router, type Request, type Response } from "express";
import { Schema } from "effect";
import {
  allowedCommands,
  APPLICATION_STATUSES,
  ApplicationId,
  changeApplicationStatus,
  correctIntake,
  STAFF_COMMAND_TYPES,
  type Application,
  type ApplicationStatus,
  type ProcedureCatalog,
  type AuditEntryDraft,
  type StaffCommandType,
  type ApplicationQuery,
  canSeeApplication,
  hasPermission,
  findProcedure,
  INTAKE_CHANNEL_LABELS,
  OFFLINE_PAYMENT_LABELS,
  visibleApplicationsFilter,
} from "@madoguchi/core";
import { auditDenied, recordAudit, sourceIpOf, staffActionDraft } from "../../audit/record-audit.ts";
import { decodeBody } from "../decode-body.ts";
import { errorResponse } from "../error-response.ts";
import { procedureNameOf, statusLabels } from "../localized-labels.ts";
import { requestLocale } from "../locale.ts";
import type { ServerDeps } from "../server-deps.ts";
import { requireStaff, staffSession } from "../staff-auth.ts";
import { requirePermission, staffAccessOf } from "../require-permission.ts";
import { requireRecentStepUp } from "../sessions/require-recent-step-up.ts";
import { csvBytes, type CsvEncoding } from "../../export/csv.ts";
import { APPLICATION_EXPORT_COLUMNS, DEFAULT_EXPORT_COLUMNS, EXPORT_COLUMN_IDS, exportColumnsOf, exportTable } from "../../export/application-export-columns.ts";
import { passApprovalGate } from "../approvals/approval-gate.ts";
import { mayComplete, settleMoneyAfterStatusChange, withCurrentPaymentStatus } from "../../payments/application-money.ts";
import { refuseCompletion } from "./fee-routes.ts";

const CommandBody = Schema.Struct({
  command: Schema.Literals(STAFF_COMMAND_TYPES as readonly StaffCommandType[]),
  reason: Schema.optional(Schema.NullOr(Schema.String.pipe(Schema.check(Schema.isMaxLength(2000))))),
  expectedVersion: Schema.Int,
});

/** S5: a corrected intake record (its fields are checked by core) against the version the page showed. */
const IntakeBody = Schema.Struct({ intake: Schema.Unknown, expectedVersion: Schema.Int });

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
  // S5: an application staff entered for the resident (mail, counter, paper, phone, email) says how it came in.
  intakeChannel: a.intake?.channel ?? null,
  intakeChannelLabel: a.intake === undefined ? null : INTAKE_CHANNEL_LABELS[a.intake.channel],
});

/** The full application as staff process it; commands are offered only to holders of `applications.process`. */
const detail = (catalog: ProcedureCatalog, a: Application, canProcess: boolean) => ({
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
  // S5: how staff received it, when they entered it for the resident (代理入力).
  intake:
    a.intake === undefined
      ? null
      : { ...a.intake, channelLabel: INTAKE_CHANNEL_LABELS[a.intake.channel], paymentLabel: OFFLINE_PAYMENT_LABELS[a.intake.payment] },
  allowedCommands: canProcess ? allowedCommands(a.status).filter((c) => c !== "withdraw") : [],
});

/** Rows read per page while exporting, and the most one file holds (the audit entry says when it was cut). */
const EXPORT_PAGE = 200;
const EXPORT_MAX = 10_000;

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
  const staffDraft = (req: Request, res: Response, action: AuditEntryDraft["action"], target: AuditEntryDraft["target"], details: AuditEntryDraft["details"] = {}): AuditEntryDraft =>
    staffActionDraft(deps, req, staffSession(res).staff.id, action, target, details);

  const staffOnly = requireStaff(deps.sessions, auditDenied(deps));

  const canView = requirePermission(deps, "applications.view");
  const canProcess = requirePermission(deps, "applications.process");
  const canExport = requirePermission(deps, "applications.export");

  /** The status filter of a request, and the staff member's groups as a procedure filter: in the query, before paging. */
  const scopedFilter = (req: Request, res: Response): Omit<ApplicationQuery, "limit" | "offset"> => {
    const status = typeof req.query["status"] === "string" ? req.query["status"] : "";
    const statuses = APPLICATION_STATUSES.includes(status as ApplicationStatus) ? [status as ApplicationStatus] : undefined;
    const visible = visibleApplicationsFilter(staffAccessOf(res), deps.catalog);
    return { ...(statuses ? { statuses } : {}), ...(visible.kind === "all" ? {} : { procedureIds: visible.procedureIds }) };
  };

  /**
   * The application if the staff member's groups cover it. One outside them is answered exactly as
   * one that does not exist (404: its existence is not revealed) and the refusal is recorded.
   */
  const findVisible = async (req: Request, res: Response): Promise<Application | null> => {
    const locale = requestLocale(req);
    const id = String(req.params["id"]);
    const found = await deps.applications.findById(ApplicationId(id));
    if (found.isErr()) {
      const { status, body } = errorResponse(found.error, locale);
      res.status(status).json(body);
      return null;
    }
    const a = found.value;
    if (a !== null && canSeeApplication(staffAccessOf(res), a, findProcedure(deps.catalog, a.procedureId))) return a;
    if (a !== null) {
      await recordAudit(deps, [
        {
          ...staffDraft(req, res, "authorization.denied", { kind: "application", id: a.id }, { reason: "out_of_scope", method: req.method, path: req.path.slice(0, 200) }),
          result: "denied",
        },
      ]);
    }
    const { status, body } = errorResponse({ _tag: "ApplicationNotFound", code: "application.not_found" }, locale);
    res.status(status).json(body);
    return null;
  };

  // A bulk export of residents' data needs a recent step-up (issue 4: "re-authentication for … export"),
  // and over the threshold a second person's approval for this very filter (four eyes, ADR 24).
  // The columns an export may have (S3), for the back office's choice: ids, labels and the default ones.
  router.get("/api/staff/applications/export-columns", staffOnly, canExport, (_req: Request, res: Response) => {
    res.json({ columns: EXPORT_COLUMN_IDS.map((id) => ({ id, label: APPLICATION_EXPORT_COLUMNS[id].label, default: DEFAULT_EXPORT_COLUMNS.includes(id) })) });
  });

  router.get("/api/staff/applications/export", staffOnly, canExport, requireRecentStepUp(deps), async (req: Request, res: Response) => {
    const encodingParam = typeof req.query["encoding"] === "string" ? req.query["encoding"] : "utf-8";
    if (encodingParam !== "utf-8" && encodingParam !== "shift_jis") {
      res.status(400).json({ error: { code: "export.invalid_encoding", message: "文字コードは utf-8 または shift_jis です / The encoding is utf-8 or shift_jis" } });
      return;
    }
    const encoding: CsvEncoding = encodingParam;
    const columns = exportColumnsOf(req.query["columns"]);
    if (columns === null) {
      res.status(400).json({
        error: {
          code: "export.invalid_columns",
          message: `列は次から重複なく選んでください / Choose columns, each once, from: ${EXPORT_COLUMN_IDS.join(", ")}`,
        },
      });
      return;
    }
    const filter = scopedFilter(req, res);
    const items: Application[] = [];
    for (let offset = 0; ; offset += EXPORT_PAGE) {
      const page = await deps.applications.list({ ...filter, limit: EXPORT_PAGE, offset });
      if (page.isErr()) {
        const { status, body } = errorResponse(page.error, requestLocale(req));
        res.status(status).json(body);
        return;
      }
      items.push(...page.value.items);
      if (page.value.items.length < EXPORT_PAGE || items.length >= EXPORT_MAX) break;
    }
    const exported = items.slice(0, EXPORT_MAX);
    if (exported.length > deps.exportApprovalThreshold) {
      const approvalId = typeof req.query["approvalId"] === "string" ? req.query["approvalId"] : undefined;
      const subject = { status: filter.statuses?.[0] ?? null, columns: columns.join(",") };
      const details = { rowCount: exported.length, threshold: deps.exportApprovalThreshold };
      if (!(await passApprovalGate(deps, req, res, { kind: "applications.export", subject, approvalId, details }))) return;
    }
    // Recorded before the file is sent: a bulk export of residents' data never happens unrecorded.
    const entry = staffDraft(req, res, "applications.exported", null, {
      count: exported.length,
      encoding,
      status: filter.statuses?.[0] ?? null,
      truncated: items.length > EXPORT_MAX,
      // Which data left (ids of columns, not their values): the personal-information audit asks what was taken.
      columns: columns.join(","),
    });
    // One entry per exported application too, so that "which residents' data did this account access"
    // (accessedApplications) includes the residents whose data left in the file.
    const perApplication = exported.map((a) => staffDraft(req, res, "application.exported", { kind: "application", id: a.id }, { encoding }));
    if (!(await recordAudit(deps, [entry, ...perApplication]))) return auditUnavailable(res);
    const table = exportTable(exported, columns, deps.catalog, requestLocale(req));
    const date = deps.clock.now().toISOString().slice(0, 10);
    res.setHeader("content-type", `text/csv; charset=${encoding === "utf-8" ? "utf-8" : "shift_jis"}; header=present`);
    res.setHeader("content-disposition", `attachment; filename="madoguchi-applications-${date}.csv"`);
    res.send(csvBytes(table, encoding));
  });

  router.get("/api/staff/applications", staffOnly, canView, async (req: Request, res: Response) => {
    const limit = Math.min(Math.max(Number.parseInt(String(req.query["limit"] ?? "50"), 10) || 50, 1), 200);
    const offset = Math.max(Number.parseInt(String(req.query["offset"] ?? "0"), 10) || 0, 0);
    const page = await deps.applications.list({ ...scopedFilter(req, res), limit, offset });
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

  router.get("/api/staff/applications/:id", staffOnly, canView, async (req, res) => {
    const found = await findVisible(req, res);
    if (found === null) return;
    if (!(await recordAudit(deps, [staffDraft(req, res, "application.viewed", { kind: "application", id: found.id })]))) return auditUnavailable(res);
    res.json(detail(deps.catalog, await withCurrentPaymentStatus(deps, found), hasPermission(staffAccessOf(res), "applications.process")));
  });

  router.post("/api/staff/applications/:id/commands", staffOnly, canProcess, async (req, res) => {
    const locale = requestLocale(req);
    const body = decodeBody(CommandBody, req, res, locale);
    if (body === null) return;
    // An application's procedure never changes, so the scope checked here still holds at the update.
    const visible = await findVisible(req, res);
    if (visible === null) return;
    // Completion captures the fee (ADR 26): not before a 事後決済 fee is fixed and any difference is paid.
    if (body.command === "complete") {
      const money = await mayComplete(deps, visible);
      if (money.isErr()) return refuseCompletion(req, res, money.error);
    }
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
    await settleMoneyAfterStatusChange(deps, result.value);
    res.json(detail(deps.catalog, await withCurrentPaymentStatus(deps, result.value), true));
  });

  // S5: the intake record of an application staff entered is corrected (a wrong date, a payment, the note).
  router.put("/api/staff/applications/:id/intake", staffOnly, canProcess, async (req, res) => {
    const locale = requestLocale(req);
    const body = decodeBody(IntakeBody, req, res, locale);
    if (body === null) return;
    const visible = await findVisible(req, res);
    if (visible === null) return;
    const staff = staffSession(res).staff;
    const result = await correctIntake(
      { store: deps.applications, catalog: deps.catalog, clock: deps.clock },
      { application: visible, expectedVersion: body.expectedVersion, rawIntake: body.intake, staffId: staff.id, sourceIp: sourceIpOf(req) },
    );
    if (result.isErr()) {
      const { status, body: errorBody } = errorResponse(result.error, locale, findProcedure(deps.catalog, visible.procedureId) ?? undefined);
      res.status(status).json(errorBody);
      return;
    }
    deps.logger.info({ audit: true, event: "application.intake_corrected", staffId: staff.id, target: visible.id, changed: result.value.version !== visible.version }, "audit");
    res.json(detail(deps.catalog, await withCurrentPaymentStatus(deps, result.value), true));
  });

  return router;
};
