import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { Logger } from "pino";
import { hasPermission, readStaffAccess, type AuditLogStore, type Clock, type StaffAccess, type StaffAccessStore, type StaffPermission } from "@madoguchi/core";
import { recordAudit, staffActionDraft } from "../audit/record-audit.ts";
import { requestLocale } from "./locale.ts";
import { staffSession } from "./staff-auth.ts";

/** What {@link requirePermission} needs (a subset of `ServerDeps`). */
export interface PermissionDeps {
  readonly staffAccess: StaffAccessStore;
  readonly auditLog: AuditLogStore;
  readonly logger: Logger;
  readonly clock: Clock;
}

const FORBIDDEN = {
  ja: "この操作を行う権限がありません。管理者にお問い合わせください。",
  en: "You do not have permission for this action. Please ask your administrator.",
} as const;

/**
 * The access of the request's staff member, set by {@link requirePermission}. Routes use it to scope
 * what they show (groups) — the permission itself was already checked.
 */
export const staffAccessOf = (res: Response): StaffAccess => res.locals["staffAccess"] as StaffAccess;

/**
 * Requires a permission of the logged-in staff member (mount it after `requireStaff`): their roles are
 * read fresh on every request, so a revoked role takes effect at once. A refusal is answered 403 with a
 * Japanese or English message and recorded first as `authorization.denied` (permission, method and
 * path; no query string). When the access cannot be read the answer is 503: fail closed.
 */
export const requirePermission = (deps: PermissionDeps, permission: StaffPermission): RequestHandler => requireAnyPermission(deps, [permission]);

/**
 * Like {@link requirePermission}, for a route several functions need (e.g. reading the audit retention:
 * auditors and retention managers): any one of `permissions` grants it; the refusal records them all.
 */
export const requireAnyPermission =
  (deps: PermissionDeps, permissions: readonly [StaffPermission, ...StaffPermission[]]): RequestHandler =>
  async (req: Request, res: Response, next: NextFunction) => {
    const staffId = staffSession(res).staff.id;
    const access = await readStaffAccess(deps.staffAccess, staffId);
    if (access.isErr()) {
      deps.logger.error({ err: { reason: access.error.reason, operation: access.error.operation } }, "staff access unavailable");
      res.status(503).json({ error: { code: "storage.unavailable", message: "しばらくしてからもう一度お試しください / Please try again later" } });
      return;
    }
    res.locals["staffAccess"] = access.value;
    if (permissions.some((p) => hasPermission(access.value, p))) {
      next();
      return;
    }
    await recordAudit(deps, [
      staffActionDraft(deps, req, staffId, "authorization.denied", null, { permission: permissions.join("|"), method: req.method, path: req.path.slice(0, 200) }, "denied"),
    ]);
    res.status(403).json({ error: { code: "staff.forbidden", message: FORBIDDEN[requestLocale(req)] } });
  };
