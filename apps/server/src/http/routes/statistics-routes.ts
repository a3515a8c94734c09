import { Router, type Request, type Response } from "express";
import {
  applicationsSubmittedSince,
  isReportMonth,
  procedureUsage,
  reportMonthOf,
  reportMonthRange,
  visibleApplicationsFilter,
  type Application,
  type ApplicationQuery,
} from "@madoguchi/core";
import { auditDenied } from "../../audit/record-audit.ts";
import { csvBytes, type CsvEncoding } from "../../export/csv.ts";
import { errorResponse } from "../error-response.ts";
import { procedureNameOf } from "../localized-labels.ts";
import { requestLocale } from "../locale.ts";
import { requirePermission, staffAccessOf } from "../require-permission.ts";
import type { ServerDeps } from "../server-deps.ts";
import { requireStaff } from "../staff-auth.ts";

const AUDIT_PAGE = 1000;

const LABELS = {
  ja: { procedure: "手続", submitted: "申請数", open: "処理中（未完了）", completed: "完了", rejected: "不受理", withdrawn: "取下げ", feeTotal: "手数料合計", total: "合計" },
  en: { procedure: "Procedure", submitted: "Applications", open: "Still open", completed: "Completed", rejected: "Rejected", withdrawn: "Withdrawn", feeTotal: "Total fee", total: "Total" },
} as const;

/**
 * S8: the back office's dashboard and monthly usage report, for the procedures the staff member's groups cover. The
 * numbers hold no personal data (counts and sums), so reading them is not an access to residents' data and is not
 * audited per application. A month is a month in Japan (`?month=YYYY-MM`, default the current one); `format=csv`
 * gives the monthly report per procedure as a file (UTF-8 or Shift_JIS). "Accesses" are residents' sign-ins to
 * their accounts in the month (from the audit log); the portal's anonymous page views are not counted (nothing
 * records them).
 */
export const statisticsRoutes = (deps: ServerDeps): Router => {
  const router = Router();
  const staffOnly = requireStaff(deps.sessions, auditDenied(deps));
  const canView = requirePermission(deps, "applications.view");

  router.get("/api/staff/statistics", staffOnly, canView, async (req: Request, res: Response) => {
    const locale = requestLocale(req);
    const month = req.query["month"] === undefined ? reportMonthOf(deps.clock.now()) : String(req.query["month"]);
    if (!isReportMonth(month)) {
      res.status(400).json({ error: { code: "statistics.invalid_month", message: locale === "ja" ? "月は 2026-11 の形で指定してください。" : "Give the month as 2026-11." } });
      return;
    }
    const { from, to } = reportMonthRange(month);
    const visible = visibleApplicationsFilter(staffAccessOf(res), deps.catalog);
    const procedures = deps.catalog.procedures.filter((p) => p.enabled && (visible.kind === "all" || visible.procedureIds.includes(p.id)));
    const filter: Omit<ApplicationQuery, "limit" | "offset"> = visible.kind === "all" ? {} : { procedureIds: visible.procedureIds };
    const submitted = await applicationsSubmittedSince(deps.applications, filter, from);
    if (submitted.isErr()) {
      const { status, body } = errorResponse(submitted.error, locale);
      res.status(status).json(body);
      return;
    }
    const inMonth = submitted.value.filter((a) => a.submittedAt.getTime() < to.getTime());
    const rows = procedureUsage(inMonth, procedures.map((p) => p.id), month);
    // Read in pages (keyset on seq): a large city's month of sign-ins is not cut at one page.
    let residentSignIns = 0;
    for (let afterSeq = 0; ; ) {
      const page = await deps.auditLog.read({ actions: ["resident.login"], from, to, afterSeq, limit: AUDIT_PAGE });
      if (page.isErr()) {
        const { status, body } = errorResponse(page.error, locale);
        res.status(status).json(body);
        return;
      }
      // A completed sign-in: the last step succeeded (a password step that asks for the second factor is not one yet).
      residentSignIns += page.value.filter((e) => e.result === "success" && (e.details["outcome"] === "success" || e.details["step"] === "jpki")).length;
      const last = page.value.at(-1);
      if (page.value.length < AUDIT_PAGE || last === undefined) break;
      afterSeq = last.seq;
    }
    const name = (id: string) => procedureNameOf(deps.catalog, id as Application["procedureId"])[locale];
    if (req.query["format"] !== "csv") {
      res.json({ month, procedures: procedures.length, applications: inMonth.length, residentSignIns, rows: rows.map((r) => ({ ...r, procedureName: name(r.procedureId) })) });
      return;
    }
    const encoding: CsvEncoding = req.query["encoding"] === "shift_jis" ? "shift_jis" : "utf-8";
    const l = LABELS[locale];
    const sum = (k: "submitted" | "open" | "completed" | "rejected" | "withdrawn" | "feeTotal") => rows.reduce((s, r) => s + r[k], 0);
    const table = [
      [l.procedure, l.submitted, l.open, l.completed, l.rejected, l.withdrawn, l.feeTotal],
      ...rows.map((r) => [name(r.procedureId), r.submitted, r.open, r.completed, r.rejected, r.withdrawn, r.feeTotal]),
      [l.total, sum("submitted"), sum("open"), sum("completed"), sum("rejected"), sum("withdrawn"), sum("feeTotal")],
    ];
    res.setHeader("content-type", `text/csv; charset=${encoding === "utf-8" ? "utf-8" : "shift_jis"}; header=present`);
    res.setHeader("content-disposition", `attachment; filename="madoguchi-usage-${month}.csv"`);
    res.send(csvBytes(table, encoding));
  });
  return router;
};
