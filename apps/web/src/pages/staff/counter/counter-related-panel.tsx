import { useState } from "react";
import { RELATED_FORMS, type RelatedFormId, type RelatedFormIssue, type ResidenceNotificationDraft } from "@madoguchi/core";
import { Alert } from "../../../components/alert.tsx";
import { saveDownloadedFile } from "../../../download.ts";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import type { Locale } from "../../../i18n/locale.ts";
import { counterApi } from "./counter-api.ts";
import { counterMessages, issueText } from "./counter-messages.ts";
import { applicantChoices, knownRelatedIssues, relatedFormFileName, relatedFormName, type RelatedFormState } from "./counter-related-forms.ts";
import { relatedMessages } from "./counter-related-messages.ts";

/** Props of {@link CounterRelatedPanel}. */
export interface CounterRelatedPanelProps {
  /** The record the printed form was kept as (`X-Counter-Record-Id`): the related forms are kept with it. */
  readonly recordId: string;
  readonly confirmationNumber: string | null;
  /** The draft as it was printed — not as it is now on the page. */
  readonly draft: ResidenceNotificationDraft;
  readonly csrfToken: string;
  /** Names a scanned document (「1枚目の書類（転出証明書）」) in an issue the server sends back. */
  readonly scanName: (scan: number) => string;
}

const IDLE: RelatedFormState = { kind: "idle" };

/** A related form's refusal in words: a person the draft does not have, or the draft's own issue. */
const relatedIssueText = (issue: RelatedFormIssue, locale: Locale, scanName: (scan: number) => string): string =>
  issue.code === "no_such_person" ? relatedMessages[locale].noSuchPerson(issue.person + 1) : issueText(issue, locale, scanName);

/**
 * 関連する様式 (C7), after printing: the 住民票の写し等交付請求書 and the 印鑑登録申請書 made from the same confirmed
 * draft — the copy kept when it was printed, so that they say what the signed 住民異動届 says — each for the person
 * chosen (the first by default), downloaded as PDF and kept with the record by the server. One is made at a time.
 */
export function CounterRelatedPanel({ recordId, confirmationNumber, draft, csrfToken, scanName }: CounterRelatedPanelProps) {
  const { locale } = useI18n();
  const m = relatedMessages[locale];
  const c = counterMessages[locale];
  const choices = applicantChoices(draft, locale);
  const [person, setPerson] = useState<Readonly<Record<RelatedFormId, number>>>(() => Object.fromEntries(RELATED_FORMS.map((f) => [f, 0])) as Record<RelatedFormId, number>);
  const [states, setStates] = useState<Readonly<Record<RelatedFormId, RelatedFormState>>>(() => Object.fromEntries(RELATED_FORMS.map((f) => [f, IDLE])) as Record<RelatedFormId, RelatedFormState>);
  const [busy, setBusy] = useState<RelatedFormId | null>(null);
  const setState = (formId: RelatedFormId, state: RelatedFormState) => setStates((current) => ({ ...current, [formId]: state }));

  const print = async (formId: RelatedFormId) => {
    if (busy !== null) return;
    setBusy(formId);
    setState(formId, { kind: "printing" });
    const result = await counterApi(locale).relatedForm(recordId, formId, draft, person[formId], csrfToken);
    setBusy(null);
    if (!result.ok) {
      const message = result.error.message ?? (result.error.status === 0 ? c.networkError : c.unexpectedError);
      return setState(formId, { kind: "failed", message, issues: knownRelatedIssues(result.error.issues ?? []) });
    }
    saveDownloadedFile(result.data, relatedFormFileName(formId, confirmationNumber));
    setState(formId, { kind: "printed" });
  };

  return (
    <section aria-labelledby="counter-related-heading" className="counter-related" data-testid="counter-related">
      <h2 id="counter-related-heading">{m.heading}</h2>
      <p>{m.intro(confirmationNumber)}</p>
      <p id="counter-related-as-printed" className="field__help" data-testid="counter-related-as-printed">
        {m.asPrinted}
      </p>
      <ul className="counter-related__list">
        {RELATED_FORMS.map((formId) => {
          const id = `counter-related-${formId}`;
          const name = relatedFormName(formId, locale);
          const state = states[formId];
          return (
            <li key={formId} className="counter-related__form" data-testid={id}>
              <h3 id={`${id}-heading`}>{name}</h3>
              <p id={`${id}-help`} className="field__help">
                {m.formHelp[formId]}
              </p>
              <div className="counter-related__controls">
                <div className="field">
                  <label className="field__label" htmlFor={`${id}-person`}>
                    {m.applicant[formId]}
                    <span className="visually-hidden">{locale === "ja" ? `（${name}）` : ` (${name})`}</span>
                  </label>
                  <select
                    id={`${id}-person`}
                    name={`${id}-person`}
                    className="select"
                    value={person[formId]}
                    onChange={(e) => setPerson((current) => ({ ...current, [formId]: Number(e.target.value) }))}
                    aria-describedby={`${id}-help`}
                    data-testid={`${id}-person`}
                  >
                    {choices.map((choice) => (
                      <option key={choice.person} value={choice.person}>
                        {choice.label}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="actions">
                  <button
                    type="button"
                    className="button button--secondary"
                    onClick={() => void print(formId)}
                    aria-disabled={busy !== null || undefined}
                    aria-describedby="counter-related-as-printed"
                    data-testid={`${id}-print`}
                  >
                    {state.kind === "printing" ? m.printing : m.print(name)}
                  </button>
                </div>
              </div>
              <p role="status" className={`counter-related__status counter-related__status--${state.kind}`} data-testid={`${id}-status`}>
                {state.kind === "printed" ? m.printed(name) : state.kind === "printing" ? m.printing : ""}
              </p>
              {state.kind === "failed" && (
                <Alert kind="error" testId={`${id}-error`}>
                  <p>
                    {m.failed(name)}
                    {state.message}
                  </p>
                  {state.issues.length > 0 && (
                    <>
                      <p>{c.serverIssues}</p>
                      <ul>
                        {state.issues.map((issue, i) => (
                          <li key={i}>{relatedIssueText(issue, locale, scanName)}</li>
                        ))}
                      </ul>
                    </>
                  )}
                </Alert>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
