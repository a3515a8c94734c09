import { useRef, useState, type FormEvent, type RefObject } from "react";
import type { Catalog, FieldError, IntakeInput, Procedure, StaffDetail, StaffIntakeView } from "../../../api-types.ts";
import { Alert } from "../../../components/alert.tsx";
import { ErrorSummary } from "../../../components/error-summary.tsx";
import { useFocusOnChange } from "../../../hooks/use-focus-on-change.ts";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import { arrangeFieldErrors, type ArrangedErrors } from "../../apply/application-form.ts";
import { useSignedInStaff } from "../staff-session.tsx";
import { IntakeFields } from "./intake-fields.tsx";
import { proxyEntryApi } from "./proxy-entry-api.ts";
import {
  checkIntakeCorrection,
  earliestReceivedOn,
  entryDayOf,
  INTAKE_FIELD_IDS,
  intakeInputOf,
  toIntakeCorrectionBody,
  type IntakeCorrectionContext,
} from "./proxy-entry-form.ts";
import { proxyEntryMessages, type ProxyEntryMessages } from "./proxy-entry-messages.ts";

/** A procedure the catalog does not list (disabled since, or the catalog not loaded): no channel disabled, the server decides. */
const UNKNOWN_PROCEDURE: Pick<Procedure, "requiresSignature" | "feePerCopy" | "deliveryMethodIds"> = { requiresSignature: false, feePerCopy: 0, deliveryMethodIds: [] };
const NO_DELIVERY_METHODS: Pick<Catalog, "deliveryMethods"> = { deliveryMethods: [] };

/**
 * S5: on the staff detail, in 受付の記録, the correction of the intake record of an application staff entered — a
 * button opening an inline form filled with the record as it is (the proxy entry's own inputs), checked by the
 * entry's rules with the day of entry as "today", saved with `PUT …/intake` against the version shown. Shown only
 * to holders of `applications.process` (the page decides). A status line (`aria-live`) says when it is saved.
 */
export function IntakeCorrection({
  detail,
  intake,
  procedure,
  catalog,
  onSaved,
  onConflict,
}: {
  readonly detail: StaffDetail;
  readonly intake: StaffIntakeView;
  /** The application's procedure in the catalog; `undefined` when the catalog does not list it. */
  readonly procedure: Procedure | undefined;
  readonly catalog: Pick<Catalog, "deliveryMethods"> | null;
  /** The detail the server answered: the page shows it. */
  readonly onSaved: (detail: StaffDetail) => void;
  /** Changed meanwhile (409): the page says so and loads the application again. */
  readonly onConflict: (message: string) => void;
}) {
  const { t, locale } = useI18n();
  const m = proxyEntryMessages[locale];
  const { csrfToken, signedOut, check } = useSignedInStaff();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<IntakeInput>(() => intakeInputOf(intake));
  const [errors, setErrors] = useState<ArrangedErrors | null>(null);
  const [generalError, setGeneralError] = useState<string | null>(null);
  const [summaryGeneration, setSummaryGeneration] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // State updates are not synchronous: a ref stops a double click from sending twice.
  const busyRef = useRef(false);
  // Focus: the form's heading when it opens, the button again when it closes, the summary after refused input.
  const [opened, setOpened] = useState(0);
  const [closed, setClosed] = useState(0);
  const headingRef = useFocusOnChange<HTMLHeadingElement>(opened);
  const buttonRef = useFocusOnChange<HTMLButtonElement>(closed);
  const summaryRef = useFocusOnChange<HTMLDivElement>(summaryGeneration);

  const context: IntakeCorrectionContext = { procedure, feeTotal: detail.fee.total, entryDay: entryDayOf(detail.submittedAt) };

  const showErrors = (fieldErrors: readonly FieldError[], fallback: string | null) => {
    const arranged = arrangeFieldErrors(fieldErrors, INTAKE_FIELD_IDS);
    setErrors(arranged);
    setGeneralError(arranged.summary.length === 0 ? fallback : null);
    setSummaryGeneration((g) => g + 1);
  };

  const start = () => {
    setValues(intakeInputOf(intake));
    setErrors(null);
    setGeneralError(null);
    setNotice(null);
    setOpen(true);
    setOpened((n) => n + 1);
  };

  const close = () => {
    setOpen(false);
    setErrors(null);
    setGeneralError(null);
    setClosed((n) => n + 1);
  };

  const save = async () => {
    if (busyRef.current) return;
    const problems = checkIntakeCorrection(values, context, m);
    if (problems.length > 0) {
      showErrors(problems, null);
      return;
    }
    busyRef.current = true;
    setBusy(true);
    const result = await proxyEntryApi(locale).correctIntake(detail.id, toIntakeCorrectionBody(values, detail.version), csrfToken);
    busyRef.current = false;
    setBusy(false);
    if (result.ok) {
      close();
      // The same version back: nothing differed from the record, nothing was written.
      setNotice(result.data.version === detail.version ? m.correction.unchanged : m.correction.saved);
      onSaved(result.data);
      return;
    }
    const { error } = result;
    const message = error.message ?? (error.status === 0 ? t.meta.networkError : t.meta.unexpectedError);
    if (error.status === 401) {
      signedOut("expired");
    } else if (error.status === 422) {
      showErrors(error.fieldErrors, message);
    } else if (error.status === 409 && error.code === "application.concurrent_modification") {
      onConflict(m.correction.conflict);
    } else {
      // 403: not this member's permission or group — or a stale CSRF token (signed in again in another tab), which a
      // fresh session check replaces. 409 `not_entered_by_staff`, 404, offline, 5xx: the server's word when it has one.
      if (error.status === 403) void check();
      setErrors(null);
      const fallback: Partial<Record<number, string>> = { 403: m.correction.forbidden, 404: t.staff.notFound, 409: m.correction.notEnteredByStaff };
      setGeneralError(error.message ?? fallback[error.status] ?? message);
    }
  };

  return (
    <div className="intake-correction" data-testid="intake-correction">
      {/* Always in the page, so that what is put in it is announced. */}
      <div aria-live="polite" data-testid="intake-correction-status">
        {notice !== null && (
          <div className="alert alert--success">
            <p>{notice}</p>
          </div>
        )}
      </div>
      {open ? (
        <IntakeCorrectionForm
          procedure={procedure}
          catalog={catalog}
          deliveryMethodId={detail.request.deliveryMethodId}
          free={context.feeTotal === 0}
          entryDay={context.entryDay}
          values={values}
          onChange={setValues}
          errors={errors}
          generalError={generalError}
          summaryRef={summaryRef}
          headingRef={headingRef}
          busy={busy}
          onSubmit={() => void save()}
          onCancel={close}
          m={m}
        />
      ) : (
        <div className="actions">
          <button type="button" className="button button--secondary" ref={buttonRef} onClick={start} data-testid="intake-correction-open">
            {m.correction.open}
          </button>
        </div>
      )}
    </div>
  );
}

/** The correction's form: what it is given only (the container holds the state and talks to the server). */
export function IntakeCorrectionForm({
  procedure,
  catalog,
  deliveryMethodId,
  free,
  entryDay,
  values,
  onChange,
  errors,
  generalError,
  summaryRef,
  headingRef,
  busy,
  onSubmit,
  onCancel,
  m,
}: {
  readonly procedure: Procedure | undefined;
  readonly catalog: Pick<Catalog, "deliveryMethods"> | null;
  readonly deliveryMethodId: string;
  /** Whether the application's fee is 0 yen (「支払いなし」 allowed). */
  readonly free: boolean;
  /** The day the application was entered (`YYYY-MM-DD`, Japan): the latest received date. */
  readonly entryDay: string;
  readonly values: IntakeInput;
  readonly onChange: (values: IntakeInput) => void;
  readonly errors: ArrangedErrors | null;
  /** A refusal that is not about one input (403, 404, a network failure …). */
  readonly generalError: string | null;
  readonly summaryRef: RefObject<HTMLDivElement | null>;
  readonly headingRef: RefObject<HTMLHeadingElement | null>;
  readonly busy: boolean;
  readonly onSubmit: () => void;
  readonly onCancel: () => void;
  readonly m: ProxyEntryMessages;
}) {
  const errorsOf = (id: string): readonly string[] => errors?.byField.get(id) ?? [];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) onSubmit();
  };
  return (
    <form noValidate className="form" onSubmit={submit} aria-labelledby="intake-correction-heading" data-testid="intake-correction-form">
      <h3 id="intake-correction-heading" tabIndex={-1} ref={headingRef}>
        {m.correction.heading}
      </h3>
      {errors !== null && errors.summary.length > 0 && <ErrorSummary items={errors.summary} focusRef={summaryRef} />}
      {generalError !== null && (
        <Alert kind="error" testId="intake-correction-error">
          <p>{generalError}</p>
        </Alert>
      )}
      <p>{m.correction.intro(entryDay)}</p>
      <IntakeFields
        procedure={procedure ?? UNKNOWN_PROCEDURE}
        catalog={catalog ?? NO_DELIVERY_METHODS}
        deliveryMethodId={deliveryMethodId}
        intake={values}
        onChange={onChange}
        errorsOf={errorsOf}
        today={entryDay}
        m={m}
        free={free}
        receivedOnHelp={m.correction.receivedOnHelp(earliestReceivedOn(entryDay), entryDay)}
      />
      <div className="actions">
        <button type="submit" className="button" data-testid="intake-correction-save" aria-disabled={busy || undefined}>
          {busy ? m.correction.saving : m.correction.save}
        </button>
        <button type="button" className="button button--secondary" data-testid="intake-correction-cancel" onClick={onCancel}>
          {m.correction.cancel}
        </button>
      </div>
    </form>
  );
}
