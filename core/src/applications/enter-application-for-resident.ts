import { err, errAsync, ok, okAsync, type Result, type ResultAsync } from "neverthrow";
import { applicationChangeAudit } from "../audit/application-audit-entry.ts";
import type { ProcedureCatalog } from "../procedures/procedure.ts";
import type { Clock } from "../shared/clock.port.ts";
import type { Hasher } from "../shared/hasher.port.ts";
import type { IdGenerator } from "../shared/id-generator.port.ts";
import type { StaffId } from "../shared/ids.ts";
import { japanCalendarDate } from "../shared/japan-calendar-date.ts";
import type { StorageError } from "../shared/storage.errors.ts";
import type { Application } from "./application.ts";
import type { ApplicationStore } from "./application-store.port.ts";
import { validateIntake, type Intake } from "./intake.ts";
import { newApplicationMessages, newSubmittedApplication } from "./new-application.ts";
import { prepareApplication, type PreparedApplication } from "./prepare-application.ts";
import type { SubmissionKeyReused } from "./submission.errors.ts";
import type { FieldError, ValidationFailed } from "./validation.errors.ts";

/** Ports used by {@link enterApplicationForResident}. */
export interface EnterApplicationDeps {
  readonly store: ApplicationStore;
  readonly catalog: ProcedureCatalog;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly hasher: Hasher;
}

/** A staff member's entry of a request received by mail, at the counter, on paper, by phone or email. */
export interface EnterApplicationInput {
  /**
   * The body as a resident's submission has it (procedureId, locale, submissionKey, applicant, request), plus
   * `intake` ({ channel, receivedOn, payment, note }). The applicant's email may be empty.
   */
  readonly rawInput: unknown;
  readonly staffId: StaffId;
  readonly sourceIp: string | null;
}

/** The stored application and the status-access secret to hand to the resident (on the 受付 slip). */
export interface EnterApplicationOutput {
  readonly application: Application;
  /** `null` when replayed: only its hash is stored. */
  readonly accessSecret: string | null;
  readonly replayed: boolean;
}

export type EnterApplicationError = ValidationFailed | SubmissionKeyReused | StorageError;

/**
 * S5 (代理入力): staff enter an application a resident made by mail, at the counter, on paper, by phone or email.
 * It is validated exactly as the resident's own (same rules, same fee), except that the email may be left empty
 * (the resident is then not mailed) and that an `intake` record says how it came. There is no online signature: a
 * procedure that needs one is accepted only from a channel that carries the resident's own request (mail, counter,
 * paper; never phone or email). Nothing is charged: the fee is paid outside the card books, as the intake says.
 *
 * Stored as `submitted` with its staff notices, the resident's 受付 mail when there is an address, and an
 * `application.submitted` audit entry whose actor is the staff member, all in one transaction. Idempotent per
 * submission key, as a resident's submission: the same entry sent twice (a double click) is stored once.
 */
export const enterApplicationForResident = (
  deps: EnterApplicationDeps,
  input: EnterApplicationInput,
): ResultAsync<EnterApplicationOutput, EnterApplicationError> => {
  const now = deps.clock.now();
  const checked = checkEntry(deps.catalog, input, now);
  if (checked.isErr()) return errAsync(checked.error);
  const { prepared, intake } = checked.value;
  return deps.store.findBySubmissionKey(prepared.input.submissionKey).andThen((existing): ResultAsync<EnterApplicationOutput, EnterApplicationError> => {
    if (existing === null) return store(deps, prepared, intake, now, input.sourceIp);
    return sameEntry(existing, prepared, intake)
      ? okAsync({ application: existing, accessSecret: null, replayed: true })
      : errAsync({ _tag: "SubmissionKeyReused", code: "application.submission_key_reused" });
  });
};

/** The application part and the intake part, with every refused field of both listed at once. */
const checkEntry = (
  catalog: ProcedureCatalog,
  input: EnterApplicationInput,
  now: Date,
): Result<{ readonly prepared: PreparedApplication; readonly intake: Intake }, ValidationFailed> => {
  const prepared = prepareApplication(catalog, input.rawInput, now, { emailRequired: false });
  const body: Readonly<Record<string, unknown>> = typeof input.rawInput === "object" && input.rawInput !== null ? (input.rawInput as Record<string, unknown>) : {};
  const procedure = prepared.isOk() ? prepared.value.input.procedure : catalog.procedures.find((p) => p.id === body["procedureId"]);
  const intake = validateIntake(body["intake"], {
    procedure,
    feeTotal: prepared.isOk() ? prepared.value.fee.total : undefined,
    today: japanCalendarDate(now),
    enteredBy: input.staffId,
  });
  const fields: FieldError[] = [...(prepared.isErr() ? prepared.error.fields : []), ...("errors" in intake ? intake.errors : [])];
  if (fields.length > 0 || prepared.isErr() || "errors" in intake) return err({ _tag: "ValidationFailed", code: "validation.failed", fields });
  return ok({ prepared: prepared.value, intake: intake.intake });
};

/** Whether a stored application is this very entry (a resend), not another one under a reused key. */
const sameEntry = (existing: Application, prepared: PreparedApplication, intake: Intake): boolean =>
  existing.intake !== undefined &&
  existing.procedureId === prepared.input.procedure.id &&
  JSON.stringify([existing.applicant, existing.request, existing.fee, existing.intake]) ===
    JSON.stringify([prepared.input.applicant, prepared.input.request, prepared.fee, intake]);

const store = (
  deps: EnterApplicationDeps,
  prepared: PreparedApplication,
  intake: Intake,
  now: Date,
  sourceIp: string | null,
): ResultAsync<EnterApplicationOutput, EnterApplicationError> => {
  const { application, accessSecret } = newSubmittedApplication(deps.ids, deps.hasher, {
    input: prepared.input,
    fee: prepared.fee,
    now,
    by: { kind: "staff", staffId: intake.enteredBy },
    signature: null,
    payment: null,
    extra: { intake },
  });
  const audit = applicationChangeAudit({
    action: "application.submitted",
    before: null,
    after: application,
    actor: { kind: "staff", id: intake.enteredBy },
    at: now,
    sourceIp,
  });
  return deps.store
    .insert(application, newApplicationMessages(deps.ids, application, now), [{ ...audit, details: { ...audit.details, channel: intake.channel } }])
    .map((): EnterApplicationOutput => ({ application, accessSecret, replayed: false }))
    .orElse((insertError) =>
      // A concurrent resend of the same entry stored it first: that is this entry.
      deps.store
        .findBySubmissionKey(prepared.input.submissionKey)
        .orElse(() => errAsync(insertError))
        .andThen((stored) =>
          stored !== null && sameEntry(stored, prepared, intake) ? okAsync({ application: stored, accessSecret: null, replayed: true }) : errAsync(insertError),
        ),
    );
};
