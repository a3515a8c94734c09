import { errAsync, type ResultAsync } from "neverthrow";
import { applicationChangeAudit } from "../audit/application-audit-entry.ts";
import type { OutboxMessage } from "../notifications/outbox.ts";
import type { Clock } from "../shared/clock.port.ts";
import type { IdGenerator } from "../shared/id-generator.port.ts";
import type { ApplicationId, StaffId } from "../shared/ids.ts";
import type { StorageError } from "../shared/storage.errors.ts";
import type { Application } from "./application.ts";
import { makeCommand, STAFF_COMMAND_TYPES, type StaffCommandType } from "./application-command.ts";
import type { ApplicationNotFound, ConcurrentModification, InvalidTransition, ReasonRequired } from "./application.errors.ts";
import type { ApplicationStore } from "./application-store.port.ts";
import { applyCommand } from "./application-transitions.ts";

/** Ports used by {@link changeApplicationStatus}. */
export interface ChangeApplicationStatusDeps {
  readonly store: ApplicationStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** A staff member's status change, with the version of the application they were looking at. */
export interface ChangeApplicationStatusInput {
  readonly applicationId: ApplicationId;
  readonly command: StaffCommandType;
  /** Required for `reject` (不受理) and `return` (差戻し); ignored otherwise. */
  readonly reason: string | null;
  readonly expectedVersion: number;
  readonly actor: { readonly kind: "staff"; readonly staffId: StaffId };
  /** The staff member's IP address, for the audit entry (null when unknown). */
  readonly sourceIp?: string | null;
}

/** Errors of {@link changeApplicationStatus}. */
export type ChangeApplicationStatusError =
  | ApplicationNotFound
  | ConcurrentModification
  | InvalidTransition
  | ReasonRequired
  | StorageError;

/**
 * Staff move an application through the workflow (受付, 処理開始, 完了, 不受理, 差戻し). Fails with
 * `ConcurrentModification` if the application changed since the staff member loaded it (checked
 * here and again atomically by the store). The new state, an outbox message for the status email and
 * the audit entry (`application.status_changed`) are stored in one transaction.
 */
export const changeApplicationStatus = (
  deps: ChangeApplicationStatusDeps,
  input: ChangeApplicationStatusInput,
): ResultAsync<Application, ChangeApplicationStatusError> =>
  deps.store.findById(input.applicationId).andThen((application): ResultAsync<Application, ChangeApplicationStatusError> => {
    if (application === null) return errAsync({ _tag: "ApplicationNotFound", code: "application.not_found" });
    if (application.version !== input.expectedVersion) {
      return errAsync({
        _tag: "ConcurrentModification",
        code: "application.concurrent_modification",
        id: application.id,
        expectedVersion: input.expectedVersion,
      });
    }
    // The type says staff commands only; an app passing unchecked input must not withdraw for the resident.
    if (!STAFF_COMMAND_TYPES.includes(input.command)) {
      return errAsync({ _tag: "InvalidTransition", code: "application.invalid_transition", from: application.status, command: String(input.command) });
    }
    const now = deps.clock.now();
    return applyCommand(application, makeCommand(input.command, input.reason), input.actor, now)
      .mapErr((e): ChangeApplicationStatusError => {
        // Staff commands never include withdraw, so NotWithdrawable cannot happen; keep the union closed.
        if (e._tag === "NotWithdrawable") return { _tag: "InvalidTransition", code: "application.invalid_transition", from: e.status, command: input.command };
        return e;
      })
      .asyncAndThen((changed) => {
        const message: OutboxMessage = {
          id: deps.ids.uuid(),
          kind: "application.status_changed",
          applicationId: changed.id,
          status: changed.status,
          createdAt: now,
        };
        const audit = applicationChangeAudit({
          action: "application.status_changed",
          before: application,
          after: changed,
          actor: { kind: "staff", id: input.actor.staffId },
          at: now,
          sourceIp: input.sourceIp ?? null,
        });
        return deps.store.update(changed, input.expectedVersion, [message], [audit]).map(() => changed);
      });
  });
