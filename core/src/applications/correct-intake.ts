import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import type { AuditEntryDraft } from "../audit/audit-entry.ts";
import type { ProcedureCatalog } from "../procedures/procedure.ts";
import type { Clock } from "../shared/clock.port.ts";
import type { StaffId } from "../shared/ids.ts";
import { japanCalendarDate } from "../shared/japan-calendar-date.ts";
import type { StorageError } from "../shared/storage.errors.ts";
import type { Application } from "./application.ts";
import type { ConcurrentModification } from "./application.errors.ts";
import type { ApplicationStore } from "./application-store.port.ts";
import { validateIntake, type Intake } from "./intake.ts";
import type { ValidationFailed } from "./validation.errors.ts";

/** Ports used by {@link correctIntake}. */
export interface CorrectIntakeDeps {
  readonly store: ApplicationStore;
  readonly catalog: ProcedureCatalog;
  readonly clock: Clock;
}

/** The application was submitted by the resident online: it has no intake record to correct. */
export interface NotEnteredByStaff {
  readonly _tag: "NotEnteredByStaff";
  readonly code: "application.not_entered_by_staff";
}

export type CorrectIntakeError = NotEnteredByStaff | ValidationFailed | ConcurrentModification | StorageError;

/** The intake fields a correction may change; `enteredBy` stays who typed the request in. */
const CORRECTABLE = ["channel", "receivedOn", "payment", "note"] as const satisfies readonly (keyof Intake)[];

/**
 * S5: a staff member corrects the intake record of an application staff entered (ADR 40): how it came, the day it
 * arrived, how its fee is paid, the note (a 定額小為替 found short, a reply envelope missing). The same rules as at
 * entry, with the day of entry as "today": a request cannot have arrived after it was typed in, nor more than
 * 366 days before. Checked against `expectedVersion`; an unchanged record writes nothing. The audit entry
 * (`application.intake_corrected`, same transaction) names the fields changed, never their values: a note may name
 * people. The record keeps who corrected it last, and when.
 */
export const correctIntake = (
  deps: CorrectIntakeDeps,
  input: { readonly application: Application; readonly expectedVersion: number; readonly rawIntake: unknown; readonly staffId: StaffId; readonly sourceIp: string | null },
): ResultAsync<Application, CorrectIntakeError> => {
  const { application } = input;
  const before = application.intake;
  if (before === undefined) return errAsync({ _tag: "NotEnteredByStaff", code: "application.not_entered_by_staff" });
  if (input.expectedVersion !== application.version) {
    return errAsync({ _tag: "ConcurrentModification", code: "application.concurrent_modification", id: application.id, expectedVersion: input.expectedVersion });
  }
  const checked = validateIntake(input.rawIntake, {
    procedure: deps.catalog.procedures.find((p) => p.id === application.procedureId),
    feeTotal: application.fee.total,
    today: japanCalendarDate(application.submittedAt),
    enteredBy: before.enteredBy,
  });
  if ("errors" in checked) return errAsync({ _tag: "ValidationFailed", code: "validation.failed", fields: checked.errors });
  const changed = CORRECTABLE.filter((k) => checked.intake[k] !== before[k]);
  if (changed.length === 0) return okAsync(application);
  const now = deps.clock.now();
  const corrected: Application = {
    ...application,
    intake: { ...checked.intake, corrected: { by: input.staffId, at: now.toISOString() } },
    version: application.version + 1,
  };
  const audit: AuditEntryDraft = {
    at: now,
    actor: { kind: "staff", id: input.staffId },
    action: "application.intake_corrected",
    target: { kind: "application", id: application.id },
    result: "success",
    sourceIp: input.sourceIp,
    details: { procedureId: application.procedureId, fields: changed.join(","), version: corrected.version },
  };
  return deps.store.update(corrected, application.version, [], [audit]).map(() => corrected);
};
