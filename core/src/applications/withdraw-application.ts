import type { ResultAsync } from "neverthrow";
import { applicationChangeAudit } from "../audit/application-audit-entry.ts";
import type { OutboxMessage } from "../notifications/outbox.ts";
import type { Clock } from "../shared/clock.port.ts";
import type { IdGenerator } from "../shared/id-generator.port.ts";
import type { StorageError } from "../shared/storage.errors.ts";
import type { Application } from "./application.ts";
import type { ApplicationNotFound, ConcurrentModification, NotWithdrawable } from "./application.errors.ts";
import { applyCommand } from "./application-transitions.ts";
import { findApplicationForResident, type ResidentAccessDeps, type ResidentCredentials } from "./find-application-for-resident.ts";

/** Ports used by {@link withdrawApplication}. */
export interface WithdrawApplicationDeps extends ResidentAccessDeps {
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** Errors of {@link withdrawApplication}. */
export type WithdrawApplicationError = ApplicationNotFound | NotWithdrawable | ConcurrentModification | StorageError;

/**
 * The resident withdraws (取下げ) their application (R9), proving access with the receipt number and
 * the access secret. Allowed while staff have not started processing, and after a 差戻し; otherwise
 * `NotWithdrawable`. The change and its outbox message (status email) are stored together, with the
 * version read as the expected version, so a staff action in between gives `ConcurrentModification`.
 * Its audit entry (`application.withdrawn`, actor the resident, from `sourceIp`) is in the same transaction.
 * Voiding the card authorisation follows from the outbox message, not from here.
 */
export const withdrawApplication = (
  deps: WithdrawApplicationDeps,
  credentials: ResidentCredentials,
  sourceIp: string | null = null,
): ResultAsync<Application, WithdrawApplicationError> =>
  findApplicationForResident(deps, credentials).andThen((application) => {
    const now = deps.clock.now();
    return applyCommand(application, { type: "withdraw" }, { kind: "resident" }, now)
      .asyncAndThen((withdrawn) => {
        const message: OutboxMessage = {
          id: deps.ids.uuid(),
          kind: "application.status_changed",
          applicationId: withdrawn.id,
          status: withdrawn.status,
          createdAt: now,
        };
        const audit = applicationChangeAudit({
          action: "application.withdrawn",
          before: application,
          after: withdrawn,
          // Residents have no account: the application they proved access to identifies them.
          actor: { kind: "resident", id: application.id },
          at: now,
          sourceIp,
        });
        return deps.store.update(withdrawn, application.version, [message], [audit]).map(() => withdrawn);
      })
      .mapErr((e): WithdrawApplicationError => {
        // applyCommand can only refuse a withdraw with NotWithdrawable.
        if (e._tag === "InvalidTransition" || e._tag === "ReasonRequired") return { _tag: "NotWithdrawable", code: "application.not_withdrawable", status: application.status };
        return e;
      });
  });
