import { useMemo, useState } from "react";
import {
  addDraftPerson,
  confirmDraftValue,
  draftValueAt,
  MAX_NOTIFICATION_PERSONS,
  NOTIFICATION_KIND_LABELS,
  NOTIFICATION_KINDS,
  PERSON_FIELD_KEYS,
  PERSON_FIELD_LABELS,
  removeDraftPerson,
  typeDraftValue,
  type DraftIssue,
  type DraftPath,
  type Localized,
  type NotificationKind,
  type ResidenceNotificationDraft,
} from "@madoguchi/core";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import { ADD_PERSON_ID, issuesAt, requiredFields, requiredPersonFields } from "./counter-draft.ts";
import { clipboardWriter, COPY_ALL_ID, COPY_STATUS_ID, copyText, draftCopyText, isUnconfirmed, SHEET_ROWS, type CopyOutcome } from "./counter-copy.ts";
import { copyOutcomeText, counterMessages, pathLabel } from "./counter-messages.ts";
import { CounterValueField } from "./counter-value-field.tsx";

/** Props of {@link CounterSheet}. */
export interface CounterSheetProps {
  readonly draft: ResidenceNotificationDraft;
  readonly issues: readonly DraftIssue[];
  readonly reasonLabels: Readonly<Record<string, Localized>>;
  /** Every change of the draft, made with core's functions. */
  readonly onChange: (draft: ResidenceNotificationDraft) => void;
  readonly onKindChange: (kind: NotificationKind) => void;
  readonly onFocusValue: (path: DraftPath) => void;
}

/**
 * The 住民異動届 laid out as on paper: kind and date of the move, the new and the previous address with their heads
 * of household, the registered domicile and its head, then the table of the persons who move.
 */
export function CounterSheet({ draft, issues, reasonLabels, onChange, onKindChange, onFocusValue }: CounterSheetProps) {
  const { locale } = useI18n();
  const m = counterMessages[locale];
  const required = requiredFields(draft.kind);
  const personRequired = requiredPersonFields(draft.kind);
  // Read once: the clipboard API is there or not for the page's whole life (a secure context).
  const write = useMemo(() => clipboardWriter(typeof navigator === "undefined" ? undefined : navigator), []);
  // `seq` renews the status's text node, so a screen reader says it again after a second copy of the same kind.
  const [copied, setCopied] = useState<{ readonly outcome: CopyOutcome; readonly seq: number } | null>(null);
  const whole = draftCopyText(draft, locale);

  const copy = (text: string, outcome: CopyOutcome) => {
    if (write === null) return;
    void copyText(write, text).then((ok) => setCopied((last) => ({ outcome: ok ? outcome : { kind: "failed" }, seq: (last?.seq ?? 0) + 1 })));
  };
  const copyValue = (path: DraftPath) => {
    const value = draftValueAt(draft, path);
    if (value === undefined || value.value === "") return;
    copy(value.value, { kind: "copied", unconfirmed: isUnconfirmed(value) });
  };

  const field = (path: DraftPath, options: { readonly required: boolean; readonly hideLabel?: boolean }) => (
    <CounterValueField
      path={path}
      label={pathLabel(path, locale)}
      hideLabel={options.hideLabel ?? false}
      value={draftValueAt(draft, path)}
      issues={issuesAt(issues, path)}
      required={options.required}
      reasonLabels={reasonLabels}
      onType={(text) => onChange(typeDraftValue(draft, path, text))}
      onConfirm={() => onChange(confirmDraftValue(draft, path))}
      onFocus={() => onFocusValue(path)}
      onCopy={write === null ? undefined : () => copyValue(path)}
    />
  );

  return (
    <section className="counter-sheet" aria-labelledby="counter-sheet-heading" data-testid="counter-sheet">
      <h2 id="counter-sheet-heading" className="counter-sheet__title">
        {m.formHeading}
      </h2>
      {write !== null && (
        <div className="actions counter-sheet__copy">
          {whole.values > 0 && (
            <>
              <button
                type="button"
                className="button button--secondary"
                onClick={() => copy(whole.text, { kind: "copied_all", values: whole.values, unconfirmed: whole.unconfirmed })}
                aria-describedby="counter-copy-all-help"
                data-testid={COPY_ALL_ID}
              >
                {m.copyAll}
              </button>
              <span id="counter-copy-all-help" className="field__help">
                {m.copyAllHelp}
              </span>
            </>
          )}
          <p role="status" className="counter-sheet__copy-status" data-testid={COPY_STATUS_ID}>
            {copied !== null && <span key={copied.seq}>{copyOutcomeText(copied.outcome, locale)}</span>}
          </p>
        </div>
      )}
      <div className="counter-sheet__grid">
        <div className="counter-sheet__cell">{field({ field: "move.date" }, { required: required.has("move.date") })}</div>
        <div className="counter-sheet__cell">
          <div className="counter-value">
            <label htmlFor="counter-kind" className="counter-value__label">
              {m.kind}
            </label>
            <select id="counter-kind" name="counter-kind" className="select" value={draft.kind} onChange={(e) => onKindChange(e.target.value as NotificationKind)} data-testid="counter-kind">
              {NOTIFICATION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {NOTIFICATION_KIND_LABELS[k][locale]}
                </option>
              ))}
            </select>
          </div>
        </div>
        {SHEET_ROWS.map(([wide, beside]) => [
          <div key={wide} className="counter-sheet__cell counter-sheet__cell--wide">
            {field({ field: wide }, { required: required.has(wide) })}
          </div>,
          <div key={beside} className="counter-sheet__cell">
            {field({ field: beside }, { required: required.has(beside) })}
          </div>,
        ])}
      </div>

      <h3 id="counter-persons-heading">{m.personsHeading}</h3>
      {draft.persons.length === 0 ? (
        <p data-testid="counter-no-persons">{m.noPersons}</p>
      ) : (
        <div className="table-scroll">
          <table className="table counter-persons" aria-labelledby="counter-persons-heading" data-testid="counter-persons">
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">{m.personsHeading}</span>
                </th>
                {PERSON_FIELD_KEYS.map((k) => (
                  <th key={k} scope="col">
                    {PERSON_FIELD_LABELS[k][locale]}
                    {personRequired.has(k) && <span className="badge badge--required counter-persons__required">{m.required}</span>}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {draft.persons.map((_, person) => (
                <tr key={person} data-testid="counter-person">
                  <th scope="row">
                    {m.personNumber(person + 1)}
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      onClick={() => onChange(removeDraftPerson(draft, person))}
                      aria-label={m.removePerson(person + 1)}
                      data-testid={`counter-person-${person}-remove`}
                    >
                      {m.removeShort}
                    </button>
                  </th>
                  {PERSON_FIELD_KEYS.map((k) => (
                    <td key={k} className={`counter-persons__${k}`}>
                      {field({ person, field: k }, { required: personRequired.has(k), hideLabel: true })}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <button
        type="button"
        id={ADD_PERSON_ID}
        className="button button--secondary"
        onClick={() => onChange(addDraftPerson(draft))}
        disabled={draft.persons.length >= MAX_NOTIFICATION_PERSONS}
        data-testid={ADD_PERSON_ID}
      >
        {m.addPerson}
      </button>
    </section>
  );
}
