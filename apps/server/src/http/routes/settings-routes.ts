import { Router, type Request, type Response } from "express";
import { Schema } from "effect";
import {
  AUDIT_RETENTION_SETTING,
  auditRetentionInForce,
  changeAuditRetention,
  decodeSettingValue,
  hasPermission,
  MAX_AUDIT_RETENTION_MONTHS,
  MIN_AUDIT_RETENTION_MONTHS,
  type AuditRetentionInForce,
  type InvalidSettingValue,
  type Locale,
  type StorageError,
} from "@madoguchi/core";
import { auditDenied, sourceIpOf } from "../../audit/record-audit.ts";
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

const MESSAGES = {
  invalid: {
    ja: `保存期間は ${MIN_AUDIT_RETENTION_MONTHS}〜${MAX_AUDIT_RETENTION_MONTHS} か月の整数で指定してください。`,
    en: `The retention period must be a whole number of months from ${MIN_AUDIT_RETENTION_MONTHS} to ${MAX_AUDIT_RETENTION_MONTHS}.`,
  },
  conflict: {
    ja: "ほかの管理者が同時に保存期間を変更しました。画面を再読み込みして確認してください。",
    en: "Another administrator changed the retention period at the same time. Reload the page and check it.",
  },
  unavailable: { ja: "しばらくしてからもう一度お試しください。", en: "Please try again later." },
} as const;

const view = (deps: ServerDeps, r: AuditRetentionInForce, canChange: boolean) => ({
  months: r.months,
  source: r.source,
  defaultMonths: deps.auditRetentionMonths,
  minMonths: MIN_AUDIT_RETENTION_MONTHS,
  maxMonths: MAX_AUDIT_RETENTION_MONTHS,
  canChange,
});

const fail = (res: Response, locale: Locale, e: InvalidSettingValue | StorageError): void => {
  switch (e._tag) {
    case "InvalidSettingValue":
      res.status(422).json({ error: { code: e.code, message: MESSAGES.invalid[locale] }, errors: [{ field: "months", code: "out_of_range", message: MESSAGES.invalid[locale] }] });
      return;
    case "StorageError":
      if (e.reason === "conflict") res.status(409).json({ error: { code: "settings.conflict", message: MESSAGES.conflict[locale] } });
      else res.status(503).json({ error: { code: "storage.unavailable", message: MESSAGES.unavailable[locale] } });
      return;
  }
};

/**
 * The municipality's settings on the staff listener. Today: the audit retention period (issue 4:
 * "kept 3 years by default, the period set by an administrator"). Reading it needs `audit.view` or
 * `retention.manage`; changing it `retention.manage`, a recent step-up and the CSRF token, and the
 * change is audited (who, from, to) in the transaction that writes it. Shortening it also needs another
 * member's approval (four eyes), consumed before the write; lengthening does not.
 */
export const settingsRoutes = (deps: ServerDeps): Router => {
  const router = Router();
  const staffOnly = requireStaffSession(deps.sessions, auditDenied(deps));
  const path = "/api/staff/settings/audit-retention";

  router.get(path, staffOnly, requireAnyPermission(deps, ["audit.view", "retention.manage"]), async (req: Request, res: Response) => {
    const r = await auditRetentionInForce(deps.settings, deps.auditRetentionMonths);
    if (r.isErr()) return fail(res, requestLocale(req), r.error);
    res.json(view(deps, r.value, hasPermission(staffAccessOf(res), "retention.manage")));
  });

  router.put(path, staffOnly, requirePermission(deps, "retention.manage"), requireRecentStepUp(deps), async (req: Request, res: Response) => {
    const locale = requestLocale(req);
    const body = decodeBody(RetentionBody, req, res, locale);
    if (body === null) return;
    const months = decodeSettingValue(AUDIT_RETENTION_SETTING, body.months);
    if (months.isOk()) {
      // An invalid value goes on to core's refusal (422); a valid one below the value in force is a shortening.
      const inForce = await auditRetentionInForce(deps.settings, deps.auditRetentionMonths);
      if (inForce.isErr()) return fail(res, locale, inForce.error);
      if (months.value < inForce.value.months) {
        const approved = await passApprovalGate(deps, req, res, { kind: "retention.shorten", subject: { months: months.value }, approvalId: body.approvalId, details: { fromMonths: inForce.value.months } });
        if (!approved) return;
      }
    }
    const changed = await changeAuditRetention(
      { settings: deps.settings, clock: deps.clock },
      { months: body.months, defaultMonths: deps.auditRetentionMonths, staffId: staffSessionOf(res).staff.id, sourceIp: sourceIpOf(req) },
    );
    if (changed.isErr()) return fail(res, locale, changed.error);
    if (changed.value.changed) deps.logger.info({ audit: true, event: "configuration.changed", setting: "audit.retentionMonths", from: changed.value.from, to: changed.value.to }, "audit");
    res.json({ ...view(deps, changed.value.inForce, true), changed: changed.value.changed });
  });

  return router;
};
