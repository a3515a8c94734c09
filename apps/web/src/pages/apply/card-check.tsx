import { useState } from "react";
import type { ApiError } from "../../api-result.ts";
import { Alert } from "../../components/alert.tsx";
import { useI18n } from "../../i18n/i18n-context.tsx";
import type { FormValues } from "./application-form.ts";
import { BasicInfoComparison } from "./basic-info-comparison.tsx";
import { CardPasswordForm } from "./card-password-form.tsx";
import { signingApi, type ComparedField, type Draft, type FieldComparison, type Verified } from "./signing-api.ts";
import { SigningError } from "./signing-error.tsx";
import { signingMessages } from "./signing-messages.ts";

type State =
  | { readonly kind: "idle" }
  | { readonly kind: "starting" }
  | { readonly kind: "password"; readonly draft: Draft }
  | { readonly kind: "refused"; readonly error: ApiError }
  | { readonly kind: "done"; readonly verified: Verified; readonly pending: readonly FieldComparison[] };

/**
 * "Fill in from your My Number card": the card's signature certificate is read (and verified: expired,
 * revoked, locked are told here, before the application is signed), its 4-info fill the empty fields,
 * and where the resident already typed something else the two are shown side by side to choose.
 */
export function CardCheck({ values, onChange }: { readonly values: FormValues; readonly onChange: (values: FormValues) => void }) {
  const { locale } = useI18n();
  const m = signingMessages(locale);
  const [state, setState] = useState<State>({ kind: "idle" });

  const start = async () => {
    setState({ kind: "starting" });
    const { name, address, dateOfBirth } = values.applicant;
    const started = await signingApi(locale).startCardCheck({ name, address, dateOfBirth });
    setState(started.ok ? { kind: "password", draft: started.data } : { kind: "refused", error: started.error });
  };

  const verified = (result: Verified) => {
    const prefill = result.prefill;
    if (prefill === null) return setState({ kind: "idle" });
    const fromCertificate: Record<ComparedField, string | null> = { name: prefill.name, address: prefill.address, dateOfBirth: prefill.dateOfBirth };
    const applicant = { ...values.applicant };
    const pending: FieldComparison[] = [];
    for (const row of result.comparison) {
      const value = fromCertificate[row.field];
      if (applicant[row.field].trim() === "") {
        if (value !== null) applicant[row.field] = value;
      } else if (!row.same) pending.push(row);
    }
    onChange({ ...values, applicant });
    setState({ kind: "done", verified: result, pending });
  };

  const choose = (row: FieldComparison, choice: "certificate" | "typed") => {
    if (state.kind !== "done") return;
    if (choice === "certificate") {
      const value = row.field === "dateOfBirth" ? state.verified.prefill?.dateOfBirth : row.certificate;
      if (value !== null && value !== undefined) onChange({ ...values, applicant: { ...values.applicant, [row.field]: value } });
    }
    setState({ ...state, pending: state.pending.filter((p) => p.field !== row.field) });
  };

  return (
    <section className="form-section" aria-labelledby="card-check-heading" data-testid="card-check">
      <h3 id="card-check-heading">{m.cardCheckHeading}</h3>
      <p>{m.cardCheckExplain}</p>
      {(state.kind === "idle" || state.kind === "starting") && (
        <button type="button" className="button button--secondary" data-testid="card-check-start" aria-disabled={state.kind === "starting" || undefined} onClick={() => void start()}>
          {state.kind === "starting" ? m.starting : m.cardCheckStart}
        </button>
      )}
      {state.kind === "refused" && <SigningError error={state.error} testId="card-check-error" />}
      {state.kind === "password" && (
        <CardPasswordForm draft={state.draft} onVerified={verified} submitLabel={m.cardCheckSubmit} testIds={{ password: "card-check-password", submit: "card-check-submit", error: "card-check-error" }}>
          <button type="button" className="button button--secondary" onClick={() => setState({ kind: "idle" })}>
            {m.cardCheckCancel}
          </button>
        </CardPasswordForm>
      )}
      {state.kind === "done" && (
        <>
          <Alert kind="success" testId="card-check-done">
            <p>{m.cardCheckDone}</p>
            {state.verified.prefill !== null && <p data-testid="card-check-sex">{m.certificateSex(state.verified.prefill.sexLabel)}</p>}
          </Alert>
          <BasicInfoComparison rows={state.pending} onChoose={choose} explain={m.comparisonExplain} />
        </>
      )}
    </section>
  );
}
