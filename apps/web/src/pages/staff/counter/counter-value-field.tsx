import { useEffect, useState } from "react";
import type { DraftIssue, DraftPath, DraftValue, Localized } from "@madoguchi/core";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import { counterMessages, issueText, reasonText } from "./counter-messages.ts";
import { copyButtonId } from "./counter-copy.ts";
import { recordsImportMessages } from "./counter-records-import-messages.ts";
import { dateReading, isDatePath, pathInputId } from "./counter-draft.ts";

/** Props of {@link CounterValueField}. */
export interface CounterValueFieldProps {
  readonly path: DraftPath;
  /** The input's label (for a person's value, 「1人目の氏名」: shown to assistive technology only, the table's column says it). */
  readonly label: string;
  readonly hideLabel?: boolean;
  readonly value: DraftValue | undefined;
  /** The draft's issues at this value. */
  readonly issues: readonly DraftIssue[];
  readonly required: boolean;
  readonly reasonLabels: Readonly<Record<string, Localized>>;
  readonly onType: (text: string) => void;
  readonly onConfirm: () => void;
  /** The value got focus: the page shows where it was read on the scan. */
  readonly onFocus: () => void;
  /** Copies the value to the clipboard; absent where the browser has no clipboard to write to (no button then). */
  readonly onCopy?: (() => void) | undefined;
}

/**
 * One value of the 住民異動届. Typing makes it staff's value (core's `typeDraftValue`: confirmed). A flagged value
 * (reasons, not confirmed) is marked, with why, what the OCR saw, and a button to confirm it as it is.
 */
export function CounterValueField(props: CounterValueFieldProps) {
  const { locale } = useI18n();
  const m = counterMessages[locale];
  const { path, value, issues } = props;
  const id = pathInputId(path);
  const stored = value?.value ?? "";
  // What is in the input: the draft keeps the trimmed text (typeDraftValue), so a space typed between two words
  // must live here until the next character. A value changed elsewhere (a scan filled it) replaces it.
  const [text, setText] = useState(stored);
  useEffect(() => {
    setText((current) => (current.trim() === stored ? current : stored));
  }, [stored]);

  const flagged = value !== undefined && value.reasons.length > 0 && !value.confirmed;
  // Confirmed as it was read or taken from the records: staff's own typing needs no mark.
  const checked = value !== undefined && value.reasons.length > 0 && value.confirmed && value.source.by !== "staff";
  const problems = issues.filter((i) => i.code !== "unconfirmed");
  const reading = isDatePath(path) ? dateReading(text) : null;
  const flagsId = `${id}-flags`;
  const errorId = `${id}-error`;
  const readingId = `${id}-reading`;
  const sourceId = `${id}-source`;
  // A value from the records was read off no paper beside it: its row lets staff find it in the file.
  const recordsLine = value?.source.by === "records" ? value.source.line : null;
  const describedBy = [problems.length > 0 ? errorId : null, flagged ? flagsId : null, reading !== null ? readingId : null, recordsLine !== null ? sourceId : null]
    .filter((x) => x !== null)
    .join(" ");
  const raw = value?.source.by === "scan" ? value.source.raw : null;

  return (
    <div className={`counter-value${flagged ? " counter-value--flagged" : ""}${problems.length > 0 ? " counter-value--error" : ""}`}>
      <label htmlFor={id} className={props.hideLabel === true ? "visually-hidden" : "counter-value__label"}>
        {props.label}
        {props.required && props.hideLabel !== true && <span className="badge badge--required">{m.required}</span>}
      </label>
      {problems.length > 0 && (
        <p id={errorId} className="field__error" data-testid={`${id}-error`}>
          {problems.map((issue, i) => (
            <span key={i} className="field__error-line">
              {issueText(issue, locale, () => "")}
            </span>
          ))}
        </p>
      )}
      <input
        id={id}
        name={id}
        className="input counter-value__input"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          props.onType(e.target.value);
        }}
        onFocus={props.onFocus}
        aria-invalid={issues.length > 0 || undefined}
        aria-required={props.required || undefined}
        aria-describedby={describedBy === "" ? undefined : describedBy}
        autoComplete="off"
        spellCheck={false}
        data-testid={id}
      />
      {props.onCopy !== undefined && stored !== "" && (
        <button
          type="button"
          className="button button--secondary button--small counter-value__copy"
          onClick={props.onCopy}
          aria-label={m.copyFor(props.label)}
          data-testid={copyButtonId(path)}
        >
          {m.copy}
        </button>
      )}
      {recordsLine !== null && (
        <p id={sourceId} className="counter-value__reading" data-testid={sourceId}>
          {recordsImportMessages[locale].fromRecords(recordsLine)}
        </p>
      )}
      {reading !== null && (
        <p id={readingId} className="counter-value__reading">
          {m.dateReading(reading)}
        </p>
      )}
      {flagged && (
        <div id={flagsId} className="counter-value__flags" data-testid={flagsId}>
          <p className="counter-value__flag">
            <span className="badge counter-badge--flag">{m.flagged}</span>
          </p>
          <ul className="counter-value__reasons" data-testid={`${id}-reasons`}>
            {value.reasons.map((r) => (
              <li key={r}>{reasonText(r, props.reasonLabels, locale)}</li>
            ))}
          </ul>
          {raw !== null && (
            <p className="counter-value__raw">
              {m.rawText}
              <span className="counter-value__raw-text" lang="ja" data-testid={`${id}-raw`}>
                {raw === "" ? m.rawEmpty : raw}
              </span>
            </p>
          )}
          <button type="button" className="button button--secondary button--small" onClick={props.onConfirm} aria-label={m.confirmFor(props.label)} data-testid={`${id}-confirm`}>
            {m.confirm}
          </button>
        </div>
      )}
      {checked && (
        <p className="counter-value__checked" data-testid={`${id}-checked`}>
          {m.confirmed}
        </p>
      )}
    </div>
  );
}
