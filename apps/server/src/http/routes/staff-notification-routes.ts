import { Router, type Request, type Response } from "express";
import { Schema } from "effect";
import { StaffId } from "@madoguchi/core";
import { auditDenied, sourceIpOf } from "../../audit/record-audit.ts";
import { decodeBody } from "../decode-body.ts";
import { requestLocale } from "../locale.ts";
import type { ServerDeps } from "../server-deps.ts";
import { requireRecentStepUp } from "../sessions/require-recent-step-up.ts";
import { requireStaffSession, staffSessionOf } from "../sessions/require-staff-session.ts";

/** An address as the administrator's issue form takes it, or null: no mails. */
const NotificationBody = Schema.Struct({ email: Schema.NullOr(Schema.String.pipe(Schema.check(Schema.isPattern(/^[^\s@]{1,64}@[^\s@]{1,255}$/)))) });

const unavailable = (req: Request, res: Response) =>
  res.status(503).json({ error: { code: "storage.unavailable", message: requestLocale(req) === "ja" ? "しばらくしてからもう一度お試しください。" : "Please try again later." } });

/**
 * S7: a member's own notification address — where the mails of new applications and the daily reminders go — read
 * and changed by the member: a new address, or none to receive no such mail. A change needs a recent step-up (an
 * address is where account notices go, SECURITY.md) and is audited in its transaction, without the address. An
 * administrator's reset gives an address again.
 */
export const staffNotificationRoutes = (deps: ServerDeps): Router => {
  const router = Router();
  const staffOnly = requireStaffSession(deps.sessions, auditDenied(deps));
  const path = "/api/staff/me/notification-email";

  router.get(path, staffOnly, async (req, res) => {
    const me = await deps.staff.findById(StaffId(staffSessionOf(res).staff.id));
    if (me.isErr() || me.value === null) return unavailable(req, res);
    res.json({ email: me.value.notificationEmail ?? null });
  });

  router.put(path, staffOnly, requireRecentStepUp(deps), async (req, res) => {
    const body = decodeBody(NotificationBody, req, res, requestLocale(req));
    if (body === null) return;
    const id = staffSessionOf(res).staff.id;
    const audit = { at: deps.clock.now(), actor: { kind: "staff" as const, id }, action: "staff.notification_address_changed" as const, target: { kind: "staff_account" as const, id }, result: "success" as const, sourceIp: sourceIpOf(req), details: { receives: body.email !== null } };
    const changed = await deps.staff.updateNotificationEmail(StaffId(id), body.email, [audit]);
    if (changed.isErr() || !changed.value) return unavailable(req, res);
    res.json({ email: body.email });
  });

  return router;
};
