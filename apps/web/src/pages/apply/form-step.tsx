import type { FormEvent, ReactNode, RefObject } from "react";
import type { Catalog, Procedure } from "../../api-types.ts";
import { Alert } from "../../components/alert.tsx";
import { ErrorSummary, type ErrorSummaryItem } from "../../components/error-summary.tsx";
import { useI18n } from "../../i18n/i18n-context.tsx";
import { ApplicationFields } from "./application-fields.tsx";
import type { ArrangedErrors, FormValues } from "./application-form.ts";

/** Step 1, 入力: the application form. Keeps every typed value; shows all the server's errors at once. */
export function FormStep({
  procedure,
  catalog,
  values,
  onChange,
  errors,
  generalError,
  summaryRef,
  submitting,
  onSubmit,
  headingRef,
  beforeForm,
}: {
  readonly procedure: Procedure;
  readonly catalog: Catalog;
  readonly values: FormValues;
  readonly onChange: (values: FormValues) => void;
  readonly errors: ArrangedErrors | null;
  readonly generalError: string | null;
  readonly summaryRef: RefObject<HTMLDivElement | null>;
  readonly submitting: boolean;
  readonly onSubmit: () => void;
  readonly headingRef: RefObject<HTMLHeadingElement | null>;
  /** Shown between the intro and the form (the card check of a procedure that is signed). */
  readonly beforeForm?: ReactNode;
}) {
  const { t } = useI18n();
  const summaryItems: readonly ErrorSummaryItem[] = errors?.summary ?? [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!submitting) onSubmit();
  };

  return (
    <section aria-labelledby="step-heading">
      <h2 id="step-heading" tabIndex={-1} ref={headingRef}>
        {t.form.stepHeading}
      </h2>
      {summaryItems.length > 0 && <ErrorSummary items={summaryItems} focusRef={summaryRef} />}
      {generalError !== null && (
        <Alert kind="error" testId="form-error">
          <p>{generalError}</p>
        </Alert>
      )}
      <p>{t.form.intro}</p>
      {beforeForm}
      <form noValidate onSubmit={submit} className="form">
        <ApplicationFields procedure={procedure} catalog={catalog} values={values} onChange={onChange} errors={errors} />
        <div className="actions">
          <button type="submit" className="button" data-testid="to-confirm" aria-disabled={submitting || undefined}>
            {submitting ? t.form.submitting : t.form.submit}
          </button>
        </div>
      </form>
    </section>
  );
}
