import type { Logger } from "pino";
import type {
  Application,
  ApplicationStore,
  Clock,
  MailMessage,
  Mailer,
  OutboxEntry,
  OutboxMessage,
  OutboxStore,
  Procedure,
  ProcedureCatalog,
  StaffAccessStore,
  StaffStore,
} from "@madoguchi/core";
import { processorsOf, renderPaymentDueEmail, renderStaffNewApplicationEmail, renderStatusEmail } from "@madoguchi/core";
import { serviceNameOf } from "../composition/service-name.ts";
import { periodicJob } from "../jobs/periodic-job.ts";

/** Dependencies of the relay: where messages wait, where applications and staff live, how mail leaves. */
export interface OutboxRelayDeps {
  readonly outbox: OutboxStore;
  readonly applications: ApplicationStore;
  /** Who processes which applications, and where staff want their notices (S7). */
  readonly staffAccess: StaffAccessStore;
  readonly staff: StaffStore;
  readonly catalog: ProcedureCatalog;
  readonly mailer: Mailer;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** Delay before the next attempt: 5 s, 10 s, 20 s … capped at one hour. */
export const retryDelayMs = (attempts: number): number => Math.min(5_000 * 2 ** attempts, 3_600_000);

/**
 * Delivers outbox messages (written in the same transaction as the change) through the Mailer port: a status
 * mail, or the amount a fee change made due, to the resident (none without a contact address); or a new
 * application's notice to the staff who may process it (S7).
 * At-least-once: a crash between sending and `markSent` resends the same message id, which the mail
 * receivers deduplicate by Message-ID. Emails are rendered at send time from the stored application, so
 * the outbox itself holds no personal data.
 */
export const createOutboxRelay = (deps: OutboxRelayDeps) => {
  /** The resident's mail of a status or payment-due message: none when the application has no contact address. */
  const residentMails = (message: Exclude<OutboxMessage, { kind: "staff.new_application" }>, application: Application, procedure: Procedure): MailMessage[] => {
    const to = application.applicant.email.trim();
    if (to === "") return [];
    const mail =
      message.kind === "application.status_changed"
        ? renderStatusEmail({ ...application, status: message.status }, procedure, deps.catalog.municipality, application.locale)
        : renderPaymentDueEmail(application, procedure, deps.catalog.municipality, application.locale, message);
    return [{ id: message.id, to, subject: mail.subject, text: mail.text }];
  };

  /**
   * S7: a new application's notice to each staff member who may process it and has a notification address, one mail
   * each (its id names the member, so a retry after a partial failure resends the same messages).
   */
  const staffMails = async (message: OutboxMessage, application: Application, procedure: Procedure): Promise<MailMessage[] | string> => {
    const snapshot = await deps.staffAccess.snapshot();
    if (snapshot.isErr()) return `storage: ${snapshot.error.reason}`;
    const mail = renderStaffNewApplicationEmail(application, procedure, serviceNameOf(deps.catalog));
    const mails: MailMessage[] = [];
    for (const staffId of processorsOf(snapshot.value, application, procedure)) {
      const account = await deps.staff.findById(staffId);
      if (account.isErr()) return `storage: ${account.error.reason}`;
      const to = account.value?.notificationEmail ?? null;
      if (to !== null) mails.push({ id: `${message.id}-${staffId}`, to, subject: mail.subject, text: mail.text });
    }
    return mails;
  };

  const deliver = async (entry: OutboxEntry): Promise<boolean> => {
    const { message } = entry;
    const fail = async (error: string) => {
      await deps.outbox.markFailed(message.id, new Date(deps.clock.now().getTime() + retryDelayMs(entry.attempts)), error);
      deps.logger.warn({ outboxId: message.id, attempts: entry.attempts + 1, error }, "outbox delivery failed");
      return false;
    };
    const found = await deps.applications.findById(message.applicationId);
    if (found.isErr()) return fail(`storage: ${found.error.reason}`);
    const application = found.value;
    if (application === null) {
      // Erased before delivery (retention purge): nothing to tell anyone.
      await deps.outbox.markSent(message.id, deps.clock.now());
      return true;
    }
    const procedure = deps.catalog.procedures.find((p) => p.id === application.procedureId);
    if (procedure === undefined) return fail("procedure missing from catalog");
    const mails = message.kind === "staff.new_application" ? await staffMails(message, application, procedure) : residentMails(message, application, procedure);
    if (typeof mails === "string") return fail(mails);
    for (const mail of mails) {
      const sent = await deps.mailer.send(mail);
      if (sent.isErr()) return fail(`mailer: ${sent.error.reason}`);
    }
    const marked = await deps.outbox.markSent(message.id, deps.clock.now());
    if (marked.isErr()) return fail(`storage: ${marked.error.reason}`);
    deps.logger.info({ outboxId: message.id, kind: message.kind, ...(message.kind === "application.status_changed" ? { status: message.status } : {}), mails: mails.length }, "outbox message delivered");
    return true;
  };

  const runOnce = async (): Promise<{ sent: number; failed: number }> => {
    const due = await deps.outbox.due(deps.clock.now(), 50);
    if (due.isErr()) {
      deps.logger.error({ reason: due.error.reason }, "outbox unavailable");
      return { sent: 0, failed: 0 };
    }
    let sent = 0;
    let failed = 0;
    for (const entry of due.value) {
      if (await deliver(entry)) sent++;
      else failed++;
    }
    return { sent, failed };
  };

  return periodicJob(runOnce, deps.logger, "outbox.relay_failed");
};

export type OutboxRelay = ReturnType<typeof createOutboxRelay>;
