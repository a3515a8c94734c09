import { err, ok, type Result } from "neverthrow";
import type { Actor, Application } from "./application.ts";
import type { ApplicationCommand, ApplicationCommandType } from "./application-command.ts";
import type { ApplicationStatus } from "./application-status.ts";
import type { InvalidTransition, NotWithdrawable, ReasonRequired } from "./application.errors.ts";

/**
 * The status workflow (R7, R9): for each command, the statuses it is allowed from and the status it
 * leads to. `startProcessing` is allowed straight from `submitted` because small offices skip the
 * separate 受付 step. A 差戻し (`returned`) application waits for the resident, who may withdraw it.
 */
export const TRANSITIONS: { readonly [C in ApplicationCommandType]: { readonly from: readonly ApplicationStatus[]; readonly to: ApplicationStatus } } = {
  receive: { from: ["submitted"], to: "received" },
  startProcessing: { from: ["submitted", "received"], to: "processing" },
  complete: { from: ["processing"], to: "completed" },
  reject: { from: ["submitted", "received", "processing"], to: "rejected" },
  return: { from: ["submitted", "received", "processing"], to: "returned" },
  withdraw: { from: ["submitted", "received", "returned"], to: "withdrawn" },
};

/** Statuses that accept no command at all. */
export const TERMINAL_STATUSES: readonly ApplicationStatus[] = ["completed", "rejected", "withdrawn"];

/** Whether no command can change an application in this status. */
export const isTerminal = (status: ApplicationStatus): boolean => TERMINAL_STATUSES.includes(status);

/** Commands accepted in `status`, for the UI to offer (the resident's `withdraw` included). */
export const allowedCommands = (status: ApplicationStatus): readonly ApplicationCommandType[] =>
  (Object.keys(TRANSITIONS) as ApplicationCommandType[]).filter((c) => TRANSITIONS[c].from.includes(status));

/** Errors of {@link applyCommand}. */
export type ApplyCommandError = InvalidTransition | NotWithdrawable | ReasonRequired;

/**
 * Applies a command to an application: checks it against the workflow, and returns a new
 * application with the new status, `version + 1`, `updatedAt = now` and one history entry appended.
 * `withdraw` from a status that does not allow it is `NotWithdrawable` (R9: the resident is told
 * that staff have started); other refused commands are `InvalidTransition`; `reject` and `return`
 * need a non-blank reason (stored trimmed). Who may give which
 * command is decided by the use cases (staff commands vs. the resident's withdraw); `actor` is
 * recorded in the history.
 */
export const applyCommand = (
  application: Application,
  command: ApplicationCommand,
  actor: Actor,
  now: Date,
): Result<Application, ApplyCommandError> => {
  const transition = TRANSITIONS[command.type];
  const from = application.status;
  if (!transition.from.includes(from)) {
    return command.type === "withdraw"
      ? err({ _tag: "NotWithdrawable", code: "application.not_withdrawable", status: from })
      : err({ _tag: "InvalidTransition", code: "application.invalid_transition", from, command: command.type });
  }
  let reason: string | null = null;
  if (command.type === "reject" || command.type === "return") {
    reason = command.reason.trim();
    if (reason === "") return err({ _tag: "ReasonRequired", code: "application.reason_required" });
  }
  return ok({
    ...application,
    status: transition.to,
    version: application.version + 1,
    updatedAt: now,
    history: [...application.history, { from, to: transition.to, at: now, by: actor, reason }],
  });
};
