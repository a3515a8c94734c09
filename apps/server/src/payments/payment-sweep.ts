import type { Logger } from "pino";
import { APPLICATION_STATUSES, applicationsSubmittedSince, type Application, type ApplicationBooks, type ApplicationStore, type AuditLogStore } from "@madoguchi/core";
import { loadBooks, type MoneyDeps } from "./application-money.ts";
import { bringBooksToGateway } from "./bring-books-to-gateway.ts";
import { recordDisagreement } from "./payment-disagreements.ts";
import { periodicJob } from "../jobs/periodic-job.ts";

/** What the sweep needs (a subset of `ServerDeps`). */
export interface PaymentSweepDeps extends MoneyDeps {
  readonly applications: ApplicationStore;
  readonly auditLog: AuditLogStore;
  readonly logger: Logger;
}

/** One run's counts: authorisations re-read, brought up to the gateway, found in disagreement, not checked. */
export interface PaymentSweepReport {
  readonly checked: number;
  readonly appended: number;
  readonly disagreements: number;
  readonly failed: number;
}

/**
 * Applications submitted this many days ago or later are swept. A card authorisation lapses at the gateway within
 * days (Stripe: 7), and a refund settles or fails within about as long; older books have nothing left to learn.
 */
export const SWEEP_LOOKBACK_DAYS = 35;

/**
 * The scheduled sweep (ADR 27, "Not done", now done): re-reads from the gateway every authorisation of a recent
 * application that its books do not hold as voided (money held, or captured and maybe refunded since), and
 * appends what the books miss — a hold that lapsed, a capture or refund made in the gateway's
 * dashboard whose webhooks ran out of retries — with a `payment.reconciled` audit entry (`via: sweep`). Books
 * and gateway that cannot both be right (a refund that failed after it was accepted) are left alone, logged as an
 * error and recorded for staff ({@link recordDisagreement}). Logs carry ids and amounts only.
 */
export const createPaymentSweep = (deps: PaymentSweepDeps) => {
  const sweepApplication = async (a: Application, counts: { checked: number; appended: number; disagreements: number; failed: number }): Promise<void> => {
    const read = await loadBooks(deps, a);
    if (read.isErr()) {
      counts.failed++;
      return;
    }
    // The books as they stand after each authorisation, so that the next one is not read again.
    let books: ApplicationBooks | undefined = read.value;
    for (const { authorizationId: id } of read.value.state.authorizations.filter((x) => x.status !== "voided")) {
      const found = await deps.gateway.getAuthorization(id);
      if (found.isErr() || found.value === null || found.value.id !== id) {
        counts.failed++;
        deps.logger.warn({ event: "payment.sweep_unread", target: a.id, authorizationId: id, reason: found.isErr() ? found.error.reason : "not_found" }, "payment sweep");
        continue;
      }
      counts.checked++;
      const context = { via: "sweep" as const, eventId: null, eventType: null, at: deps.clock.now() };
      const r = await bringBooksToGateway(deps, a, found.value, context, { fresh: true, ...(books === undefined ? {} : { books }) });
      books = r.isOk() && r.value !== null && r.value.kind !== "disagreement" ? r.value.books : undefined;
      if (r.isErr()) {
        counts.failed++;
        deps.logger.warn({ event: "payment.sweep_unwritten", target: a.id, authorizationId: id, reason: r.error }, "payment sweep");
      } else if (r.value?.kind === "appended") {
        counts.appended++;
        deps.logger.info({ event: "payment.sweep_reconciled", target: a.id, authorizationId: id, appended: r.value.events.map((e) => e.kind) }, "payment sweep");
      } else if (r.value?.kind === "disagreement") {
        counts.disagreements++;
        await recordDisagreement(deps, a.id, r.value.disagreement, "sweep");
      }
    }
  };

  const runOnce = async (): Promise<PaymentSweepReport> => {
    const counts = { checked: 0, appended: 0, disagreements: 0, failed: 0 };
    const since = deps.clock.now().getTime() - SWEEP_LOOKBACK_DAYS * 86_400_000;
    const recent = await applicationsSubmittedSince(deps.applications, { statuses: APPLICATION_STATUSES }, new Date(since));
    if (recent.isErr()) {
      deps.logger.error({ event: "payment.sweep_failed", reason: recent.error.reason }, "payment sweep");
      return { ...counts, failed: 1 };
    }
    for (const a of recent.value) await sweepApplication(a, counts);
    return counts;
  };

  return periodicJob(runOnce, deps.logger, "payment.sweep_failed");
};

export type PaymentSweep = ReturnType<typeof createPaymentSweep>;
