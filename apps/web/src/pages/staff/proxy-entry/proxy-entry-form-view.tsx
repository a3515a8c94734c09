import type { FormEvent, RefObject } from "react";
import type { Catalog } from "../../../api-types.ts";
import { Alert } from "../../../components/alert.tsx";
import { ErrorSummary } from "../../../components/error-summary.tsx";
import { FeeTable } from "../../../components/fee-table.tsx";
import { RadioGroup } from "../../../components/radio-group.tsx";
import { SelectField } from "../../../components/select-field.tsx";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import type { Locale } from "../../../i18n/locale.ts";
import { ApplicationFields } from "../../apply/application-fields.tsx";
import type { ArrangedErrors } from "../../apply/application-form.ts";
import { IntakeFields } from "./intake-fields.tsx";
import { feeEstimate, LOCALE_ID, PROCEDURE_ID, type ProxyEntryValues } from "./proxy-entry-form.ts";
import { proxyEntryMessages } from "./proxy-entry-messages.ts";

const LOCALES: readonly Locale[] = ["ja", "en"];

/**
 * S5: the proxy entry's form — the procedure, the resident's language, the resident form's own inputs (the e-mail
 * optional), the fee as it will be charged, and the intake record. Only what it is given: the page holds the state
 * and talks to the server.
 */
export function ProxyEntryForm({
  catalog,
  values,
  onChange,
  errors,
  generalError,
  summaryRef,
  submitting,
  onSubmit,
  today,
}: {
  readonly catalog: Catalog;
  readonly values: ProxyEntryValues;
  readonly onChange: (values: ProxyEntryValues) => void;
  readonly errors: ArrangedErrors | null;
  /** A refusal that is not about one input (403, a network failure …). */
  readonly generalError: string | null;
  readonly summaryRef: RefObject<HTMLDivElement | null>;
  readonly submitting: boolean;
  readonly onSubmit: () => void;
  /** Today in Japan, `YYYY-MM-DD`. */
  readonly today: string;
}) {
  const { t, locale, pick } = useI18n();
  const m = proxyEntryMessages[locale];
  const errorsOf = (id: string): readonly string[] => errors?.byField.get(id) ?? [];
  const procedure = catalog.procedures.find((p) => p.id === values.procedureId);
  const fee = procedure === undefined ? null : feeEstimate(procedure, catalog, values.application);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!submitting) onSubmit();
  };

  return (
    <>
      {errors !== null && errors.summary.length > 0 && <ErrorSummary items={errors.summary} focusRef={summaryRef} />}
      {generalError !== null && (
        <Alert kind="error" testId="proxy-entry-error">
          <p>{generalError}</p>
        </Alert>
      )}
      <p>{m.intro}</p>
      <form noValidate onSubmit={submit} className="form" data-testid="proxy-entry-form">
        <div className="form-section">
          <SelectField
            id={PROCEDURE_ID}
            label={m.procedure}
            value={values.procedureId}
            onChange={(procedureId) => onChange({ ...values, procedureId })}
            options={catalog.procedures.map((p) => ({ value: p.id, label: pick(p.name) }))}
            placeholder={procedure === undefined ? t.form.selectPlaceholder : null}
            required
            errors={errorsOf(PROCEDURE_ID)}
          />
          <RadioGroup
            name={LOCALE_ID}
            legend={m.locale}
            value={values.locale}
            onChange={(chosen) => onChange({ ...values, locale: chosen === "en" ? "en" : "ja" })}
            options={LOCALES.map((l) => ({ value: l, label: m.localeNames[l] }))}
            required
            help={m.localeHelp}
            errors={errorsOf(LOCALE_ID)}
          />
        </div>
        {procedure === undefined ? (
          <p data-testid="proxy-entry-choose">{catalog.procedures.length === 0 ? m.noProcedures : m.chooseProcedure}</p>
        ) : (
          <>
            <ApplicationFields
              procedure={procedure}
              catalog={catalog}
              values={values.application}
              onChange={(application) => onChange({ ...values, application })}
              errors={errors}
              emailOptional={m.emailOptional}
            />
            <section className="form-section" aria-labelledby="proxy-entry-fee" data-testid="proxy-entry-fee">
              <h2 id="proxy-entry-fee">{m.feeHeading}</h2>
              {fee === null ? <p data-testid="proxy-entry-fee-incomplete">{m.feeIncomplete}</p> : <FeeTable fee={fee} />}
            </section>
            <IntakeFields
              procedure={procedure}
              catalog={catalog}
              deliveryMethodId={values.application.deliveryMethodId}
              intake={values.intake}
              onChange={(intake) => onChange({ ...values, intake })}
              errorsOf={errorsOf}
              today={today}
              m={m}
            />
          </>
        )}
        <div className="actions">
          <button type="submit" className="button" data-testid="proxy-entry-submit" aria-disabled={submitting || undefined}>
            {submitting ? m.submitting : m.submit}
          </button>
        </div>
      </form>
    </>
  );
}
