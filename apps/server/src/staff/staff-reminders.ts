import type { Logger } from "pino";
import {
  japanCalendarDate,
  japanMidnight,
  renderStaffReminderEmail,
  waitingByProcessor,
  type Application,
  type ApplicationStore,
  type AuditLogStore,
  type Clock,
  type Mailer,
  type ProcedureCatalog,
  type StaffAccessStore,
  type StaffStore,
} from "@madoguchi/core";
import { recordAudit } from "../audit/record-audit.ts";
import { serviceNameOf } from "../composition/service-name.ts";
import { periodicJob } from "../jobs/periodic-job.ts";

/** What the reminders need (a subset of `ServerDeps`). */
export interface StaffRemindersDeps {
  readonly applications: ApplicationStore;
  readonly staffAccess: StaffAccessStore;
  readonly staff: StaffStore;
  readonly catalog: ProcedureCatalog;
  readonly mailer: Mailer;
  readonly auditLog: AuditLogStore;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** One run: how many members were reminded of how many waiting applications, or that today's were sent already. */
export type StaffRemindersRun = { readonly kind: "sent"; readonly staff: number; readonly applications: number } | { readonly kind: "already_today" } | { readonly kind: "failed" };

/** Not yet taken up: applied for (申請済) or received (受付), but processing has not started. */
const UNPROCESSED = ["submitted", "received"] as const;
const PAGE = 200;

/**
 * S7 reminders: once a day (Japan's date), each staff member who may process them is mailed the applications that
 * have waited `days` days or more without being taken up — receipt numbers and procedures only. The day's run is
 * recorded in the audit log (`staff.reminders_sent`), and a run that finds today's entry sends nothing, so hourly
 * runs, restarts and several instances send one reminder a day (a race between instances at the same moment could
 * send two, with the same Message-ID). A member without a notification address is skipped.
 */
export const createStaffReminders = (deps: StaffRemindersDeps, options: { readonly days: number }) => {
  const runOnce = async (): Promise<StaffRemindersRun> => {
    const now = deps.clock.now();
    const today = japanCalendarDate(now);
    const startOfDay = japanMidnight(today);
    const done = await deps.auditLog.read({ actions: ["staff.reminders_sent"], from: startOfDay, afterSeq: 0, limit: 1 });
    if (done.isErr()) return { kind: "failed" };
    if (done.value.length > 0) return { kind: "already_today" };
    const cutoff = now.getTime() - options.days * 86_400_000;
    const waiting: Application[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await deps.applications.list({ statuses: UNPROCESSED, limit: PAGE, offset });
      if (page.isErr()) return { kind: "failed" };
      waiting.push(...page.value.items.filter((a) => a.submittedAt.getTime() <= cutoff));
      if (page.value.items.length < PAGE) break;
    }
    waiting.reverse(); // oldest first in the mail
    const snapshot = await deps.staffAccess.snapshot();
    if (snapshot.isErr()) return { kind: "failed" };
    const procedureOf = (a: Application) => deps.catalog.procedures.find((p) => p.id === a.procedureId) ?? null;
    let reminded = 0;
    for (const [staffId, theirs] of waitingByProcessor(snapshot.value, waiting, procedureOf)) {
      const account = await deps.staff.findById(staffId);
      const to = account.isOk() ? (account.value?.notificationEmail ?? null) : null;
      if (to === null) continue;
      const items = theirs.flatMap((a) => {
        const procedure = procedureOf(a);
        return procedure === null ? [] : [{ receiptNumber: a.receiptNumber, submittedAt: a.submittedAt, procedure }];
      });
      const mail = renderStaffReminderEmail(items, options.days, serviceNameOf(deps.catalog));
      const sent = await deps.mailer.send({ id: `staff-reminder-${today}-${staffId}`, to, subject: mail.subject, text: mail.text });
      if (sent.isErr()) deps.logger.warn({ event: "staff.reminder_failed", staffId, reason: sent.error.reason }, "staff reminder not sent");
      else reminded++;
    }
    await recordAudit(deps, [
      { at: now, actor: { kind: "system", id: null }, action: "staff.reminders_sent", target: null, result: "success", sourceIp: null, details: { date: today, staff: reminded, applications: waiting.length, days: options.days } },
    ]);
    return { kind: "sent", staff: reminded, applications: waiting.length };
  };

  return periodicJob(runOnce, deps.logger, "staff.reminders_failed");
};

export type StaffReminders = ReturnType<typeof createStaffReminders>;
