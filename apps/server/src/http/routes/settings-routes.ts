import { Router, type Request, type Response } from "express";
import { Schema } from "effect";
import { changeRetention, decodeSettingValue, hasPermission, type InvalidSettingValue, type Locale, type RetentionInForce, type StorageError } from "@madoguchi/core";
import { auditDenied, sourceIpOf } from "../../audit/record-audit.ts";
import { RETENTION_SETTING_ROUTES, retentionOf, type RetentionSettingRoute } from "../../retention/retention-settings.ts";
import { passApprovalGate } from "../approvals/approval-gate.ts";
import { decodeBody } from "../decode-body.ts";
import { requestLocale } from "../locale.ts";
import { requireAnyPermission, requirePermission, staffAccessOf } from "../require-permission.ts";
import type { ServerDeps } from "../server-deps.ts";
import { requireRecentStepUp } from "../sessions/require-recent-step-up.ts";
import { requireStaffSession, staffSessionOf } from "../sessions/require-staff-session.ts";

/**
 * The body of a change: the value is decoded by core (whole months within the allowed range). A shortening
 * carries the id of its approved two-person request (docs/adr/0024-two-person-approval.md).
 */
const RetentionBody = Schema.Struct({ months: Schema.Unknown, approvalId: Schema.optional(Schema.String.pipe(Schema.check(Schema.isMaxLength(100)))) });

const messages = (route: RetentionSettingRoute) =>
  ({
    invalid: {
      ja: `保存期間は ${route.minMonths}〜${route.maxMonths} か月の整数で指定してください。`,
      en: `The retention period must be a whole number of months from ${route.minMonths} to ${route.maxMonths}.`,
    },
    conflict: {
      ja: "ほかの管理者が同時に保存期間を変更しました。画面を再読み込みして確認してください。",
      en: "Another administrator changed the retention period at the same time. Reload the page and check it.",
    },
    unavailable: { ja: "しばらくしてからもう一度お試しください。", en: "Please try again later." },
  }) as const;

/** The answer to a storage failure or an invalid value, in the staff member's language. */
const fail = (res: Response, route: RetentionSettingRoute, locale: Locale, e: InvalidSettingValue | StorageError): void => {
  const m = messages(route);
  switch (e._tag) {
    case "InvalidSettingValue":
      res.status(422).json({ error: { code: e.code, message: m.invalid[locale] }, errors: [{ field: "months", code: "out_of_range", message: m.invalid[locale] }] });
      return;
    case "StorageError":
      if (e.reason === "conflict") res.status(409).json({ error: { code: "settings.conflict", message: m.conflict[locale] } });
      else res.status(503).json({ error: { code: "storage.unavailable", message: m.unavailable[locale] } });
      return;
  }
};

const view = (deps: ServerDeps, route: RetentionSettingRoute, r: RetentionInForce, canChange: boolean) => ({
  months: r.months,
  source: r.source,
  defaultMonths: route.defaultMonths(deps),
  minMonths: route.minMonths,
  maxMonths: route.maxMonths,
  canChange,
});

/**
 * The municipality's retention periods on the staff listener (issue 4: the audit log "kept 3 years by default,
 * the period set by an administrator"; S4: a period per kind of data). Reading one needs `retention.manage` (or,
 * for the audit log, `audit.view`); changing it `retention.manage`, a recent step-up and the CSRF token, and the
 * change is audited (who, which, from, to) in the transaction that writes it. Shortening also needs another
 * member's approval (four eyes), consumed before the write; lengthening does not.
 */
export const settingsRoutes = (deps: ServerDeps): Router => {
  const router = Router();
  const staffOnly = requireStaffSession(deps.sessions, auditDenied(deps));

  for (const route of RETENTION_SETTING_ROUTES) {
    router.get(route.path, staffOnly, requireAnyPermission(deps, route.readers), async (req: Request, res: Response) => {
      const r = await retentionOf(deps, route);
      if (r.isErr()) return fail(res, route, requestLocale(req), r.error);
      res.json(view(deps, route, r.value, hasPermission(staffAccessOf(res), "retention.manage")));
    });

    router.put(route.path, staffOnly, requirePermission(deps, "retention.manage"), requireRecentStepUp(deps), async (req: Request, res: Response) => {
      const locale = requestLocale(req);
      const body = decodeBody(RetentionBody, req, res, locale);
      if (body === null) return;
      const months = decodeSettingValue(route.key, body.months);
      if (months.isOk()) {
        // An invalid value goes on to core's refusal (422); a valid one below the value in force is a shortening.
        const inForce = await retentionOf(deps, route);
        if (inForce.isErr()) return fail(res, route, locale, inForce.error);
        if (months.value < inForce.value.months) {
          const approved = await passApprovalGate(deps, req, res, { kind: route.shortening, subject: { months: months.value }, approvalId: body.approvalId, details: { fromMonths: inForce.value.months } });
          if (!approved) return;
        }
      }
      const changed = await changeRetention(
        { settings: deps.settings, clock: deps.clock },
        route.key,
        { months: body.months, defaultMonths: route.defaultMonths(deps), staffId: staffSessionOf(res).staff.id, sourceIp: sourceIpOf(req) },
      );
      if (changed.isErr()) return fail(res, route, locale, changed.error);
      if (changed.value.changed) deps.logger.info({ audit: true, event: "configuration.changed", setting: route.key, from: changed.value.from, to: changed.value.to }, "audit");
      res.json({ ...view(deps, route, changed.value.inForce, true), changed: changed.value.changed });
    });
  }

  return router;
};
