import type { Logger } from "pino";
import type { Application, ApplicationStore, Clock, Mailer, OutboxEntry, OutboxMessage, OutboxStore, Procedure, ProcedureCatalog } from "@madoguchi/core";
import { renderPaymentDueEmail, renderStatusEmail } from "@madoguchi/core";

/** Dependencies of the relay: where messages wait, where applications live, how mail leaves. */
export interface OutboxRelayDeps {
  readonly outbox: OutboxStore;
  readonly applications: ApplicationStore;
  readonly catalog: ProcedureCatalog;
  readonly mailer: Mailer;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** Delay before the next attempt: 5 s, 10 s, 20 s … capped at one hour. */
export const retryDelayMs = (attempts: number): number => Math.min(5_000 * 2 ** attempts, 3_600_000);

/**
 * Delivers outbox messages (written in the same transaction as the change) through the Mailer port: a status
 * mail, or the amount a fee change made due. An application without a contact address is acknowledged unsent.
 * At-least-once: a crash between sending and `markSent` resends the same message id, which the mail
 * receivers deduplicate by Message-ID. Emails are rendered at send time from the stored application, so
 * the outbox itself holds no personal data.
 */
export const createOutboxRelay = (deps: OutboxRelayDeps) => {
  const render = (message: OutboxMessage, application: Application, procedure: Procedure) =>
    message.kind === "application.status_changed"
      ? renderStatusEmail({ ...application, status: message.status }, procedure, deps.catalog.municipality, application.locale)
      : renderPaymentDueEmail(application, procedure, deps.catalog.municipality, application.locale, message);

  let running: Promise<{ sent: number; failed: number }> | null = null;

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
    const to = application.applicant.email.trim();
    if (to !== "") {
      const mail = render(message, application, procedure);
      const sent = await deps.mailer.send({ id: message.id, to, subject: mail.subject, text: mail.text });
      if (sent.isErr()) return fail(`mailer: ${sent.error.reason}`);
    }
    const marked = await deps.outbox.markSent(message.id, deps.clock.now());
    if (marked.isErr()) return fail(`storage: ${marked.error.reason}`);
    deps.logger.info({ outboxId: message.id, kind: message.kind, ...(message.kind === "application.status_changed" ? { status: message.status } : {}), ...(to === "" ? { skipped: "no_address" } : {}) }, "outbox message delivered");
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

  return {
    /** Delivers what is due now; concurrent calls share one run. */
    runOnce(): Promise<{ sent: number; failed: number }> {
      running ??= runOnce().finally(() => {
        running = null;
      });
      return running;
    },
    /** Polls every `intervalMs` until the returned stop function is called. */
    start(intervalMs: number): () => Promise<void> {
      const timer = setInterval(() => void this.runOnce(), intervalMs);
      timer.unref();
      return async () => {
        clearInterval(timer);
        await running;
      };
    },
  };
};

export type OutboxRelay = ReturnType<typeof createOutboxRelay>;
