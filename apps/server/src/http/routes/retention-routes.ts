import { Router, type Request, type Response } from "express";
import {
  addCalendarMonths,
  applicationFinishedAt,
  listExpiredApplications,
  purgeExpiredApplications,
  type Application,
  type Locale,
} from "@madoguchi/core";
import { auditDenied, sourceIpOf } from "../../audit/record-audit.ts";
import { RETENTION_SETTING_ROUTES, retentionOf } from "../../retention/retention-settings.ts";
import { procedureNameOf } from "../localized-labels.ts";
import { requestLocale } from "../locale.ts";
import { requirePermission } from "../require-permission.ts";
import type { ServerDeps } from "../server-deps.ts";
import { requireRecentStepUp } from "../sessions/require-recent-step-up.ts";
import { requireStaffSession, staffSessionOf } from "../sessions/require-staff-session.ts";

/** How many past-retention applications the page lists (the count says whether there are more). */
const LISTED = 100;
/** A bulk deletion works off at most this many in one request (50 transactions of 100); the rest waits for the next. */
const MAX_BATCHES_PER_REQUEST = 50;

const APPLICATIONS = RETENTION_SETTING_ROUTES.find((r) => r.key === "applications.retentionMonths")!;

const unavailable = (res: Response, locale: Locale): void => {
  res.status(503).json({ error: { code: "storage.unavailable", message: locale === "ja" ? "しばらくしてからもう一度お試しください。" : "Please try again later." } });
};

/** What staff see of a past-retention application: ids, procedure, status and dates — nothing of the resident. */
const expiredView = (deps: ServerDeps, locale: Locale, months: number) => (a: Application) => {
  const finishedAt = applicationFinishedAt(a)!;
  return {
    receiptNumber: a.receiptNumber,
    procedureId: a.procedureId,
    procedureName: procedureNameOf(deps.catalog, a.procedureId)[locale],
    status: a.status,
    finishedAt: finishedAt.toISOString(),
    expiredAt: addCalendarMonths(finishedAt, months).toISOString(),
  };
};

/**
 * S4 and seed C "保存年限を経過したデータを一括削除できること": the finished applications past their retention, and
 * their deletion now, in bulk, by a member with `retention.manage` after a recent step-up. The hourly run deletes
 * them anyway; this is for the staff who want it done and seen. Each deletion is audited with the member as actor.
 */
export const retentionRoutes = (deps: ServerDeps): Router => {
  const router = Router();
  const staffOnly = requireStaffSession(deps.sessions, auditDenied(deps));
  const manage = requirePermission(deps, "retention.manage");

  router.get("/api/staff/retention/applications/expired", staffOnly, manage, async (req: Request, res: Response) => {
    const locale = requestLocale(req);
    const retention = await retentionOf(deps, APPLICATIONS);
    if (retention.isErr()) return unavailable(res, locale);
    const expired = await listExpiredApplications(deps, retention.value.months, LISTED + 1);
    if (expired.isErr()) return unavailable(res, locale);
    res.json({
      months: retention.value.months,
      items: expired.value.slice(0, LISTED).map(expiredView(deps, locale, retention.value.months)),
      more: expired.value.length > LISTED,
    });
  });

  router.post("/api/staff/retention/applications/purge", staffOnly, manage, requireRecentStepUp(deps), async (req: Request, res: Response) => {
    const locale = requestLocale(req);
    const retention = await retentionOf(deps, APPLICATIONS);
    if (retention.isErr()) return unavailable(res, locale);
    const purged = await purgeExpiredApplications(deps, {
      months: retention.value.months,
      actor: { kind: "staff", id: staffSessionOf(res).staff.id },
      sourceIp: sourceIpOf(req),
      maxBatches: MAX_BATCHES_PER_REQUEST,
    });
    if (purged.isErr()) return unavailable(res, locale);
    if (purged.value.purged > 0) deps.logger.info({ audit: true, event: "application.purged", count: purged.value.purged, retentionMonths: retention.value.months }, "applications past their retention deleted by staff");
    const left = await listExpiredApplications(deps, retention.value.months, 1);
    res.json({ purged: purged.value.purged, receiptNumbers: purged.value.receiptNumbers, more: left.isOk() && left.value.length > 0 });
  });

  return router;
};
