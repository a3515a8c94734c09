import { randomUUID } from "node:crypto";
import { renderStaffSecurityNotice, StaffId, type SecurityNoticeKind } from "@madoguchi/core";
import { serviceNameOf } from "../composition/service-name.ts";
import type { ServerDeps } from "../http/server-deps.ts";

/**
 * Mails the security notice of a change to a staff member's own account (SECURITY.md: "Email to the
 * user after password, email or MFA changes") at the address the administrator gave at issue or the
 * last reset. No address stored: nothing is sent. A failure to read the account or to send is logged
 * (without the address) and never undoes or fails the change, which is already written and audited.
 */
export const notifyStaff = async (deps: Pick<ServerDeps, "staff" | "mailer" | "clock" | "logger" | "catalog">, staffId: string, kind: SecurityNoticeKind): Promise<void> => {
  const found = await deps.staff.findById(StaffId(staffId));
  if (found.isErr()) {
    deps.logger.warn({ event: "staff.notice_failed", staffId, kind, reason: "storage" }, "staff security notice not sent");
    return;
  }
  const to = found.value?.notificationEmail ?? null;
  if (to === null) return;
  const mail = renderStaffSecurityNotice(kind, deps.clock.now(), serviceNameOf(deps.catalog));
  const id = randomUUID();
  const sent = await deps.mailer.send({ id, to, subject: mail.subject, text: mail.text });
  if (sent.isErr()) deps.logger.warn({ event: "staff.notice_failed", staffId, kind, mailId: id, reason: sent.error.reason }, "staff security notice not sent");
};
