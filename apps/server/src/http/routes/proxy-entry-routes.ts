import { Router, type Request, type Response } from "express";
import { canSeeApplication, enterApplicationForResident, findProcedure, ProcedureId } from "@madoguchi/core";
import { auditDenied, recordAudit, sourceIpOf, staffActionDraft } from "../../audit/record-audit.ts";
import { errorResponse } from "../error-response.ts";
import { headerLocale } from "../locale.ts";
import type { ServerDeps } from "../server-deps.ts";
import { requireStaff, staffSession } from "../staff-auth.ts";
import { requirePermission, staffAccessOf } from "../require-permission.ts";

const OUT_OF_SCOPE = {
  ja: "この手続きの申請を受け付ける担当ではありません。担当のグループの職員に依頼してください。",
  en: "Your groups do not handle this procedure. Please ask a member of the group that does.",
} as const;

/**
 * S5 (代理入力, ADR 40): staff enter an application a resident made by mail, at the counter, on paper, by phone or
 * email. Needs `applications.process` and a group that covers the procedure (the same scope that lets them process
 * it). The answer holds the status-access secret once, for the 受付票 handed or mailed to the resident.
 */
export const proxyEntryRoutes = (deps: ServerDeps): Router => {
  const router = Router();
  const staffOnly = requireStaff(deps.sessions, auditDenied(deps));
  const canProcess = requirePermission(deps, "applications.process");

  router.post("/api/staff/applications", staffOnly, canProcess, async (req: Request, res: Response) => {
    // The body's `locale` is the resident's (their mails); the answer is in the staff member's language.
    const locale = headerLocale(req);
    const staffId = staffSession(res).staff.id;
    const rawProcedureId = typeof req.body === "object" && req.body !== null ? (req.body as Record<string, unknown>)["procedureId"] : undefined;
    // An unknown procedure is the validation's to name; a known one outside the member's groups is refused first.
    const procedure = typeof rawProcedureId === "string" ? findProcedure(deps.catalog, rawProcedureId) : null;
    if (procedure !== null && !canSeeApplication(staffAccessOf(res), { procedureId: ProcedureId(procedure.id) }, procedure)) {
      await recordAudit(deps, [
        staffActionDraft(deps, req, staffId, "authorization.denied", null, { reason: "out_of_scope", procedureId: procedure.id, method: req.method, path: req.path.slice(0, 200) }, "denied"),
      ]);
      res.status(403).json({ error: { code: "staff.out_of_scope", message: OUT_OF_SCOPE[locale] } });
      return;
    }
    const result = await enterApplicationForResident(
      { store: deps.applications, catalog: deps.catalog, clock: deps.clock, ids: deps.ids, hasher: deps.hasher },
      { rawInput: req.body, staffId, sourceIp: sourceIpOf(req) },
    );
    if (result.isErr()) {
      const { status, body } = errorResponse(result.error, locale, procedure ?? undefined);
      res.status(status).json(body);
      return;
    }
    const { application, accessSecret, replayed } = result.value;
    if (!replayed) deps.kickOutbox();
    deps.logger.info({ audit: true, event: "application.entered", staffId, target: application.id, channel: application.intake?.channel, replayed }, "audit");
    res.status(replayed ? 200 : 201).json({ id: application.id, receiptNumber: application.receiptNumber, accessSecret, replayed });
  });

  return router;
};
