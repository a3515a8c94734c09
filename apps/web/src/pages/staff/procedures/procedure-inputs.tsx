import { describedBy, FieldMessages } from "../../../components/field-messages.tsx";
import { RequiredMark } from "../../../components/required-mark.tsx";

/**
 * The editor's inputs that the shared components lack: a labelled textarea, a single checkbox and a group of
 * checkboxes in a fieldset — each with its help and errors tied to it as `TextField` does.
 */

/** A labelled textarea (the procedure's descriptions). */
export function TextAreaField(props: {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly errors?: readonly string[];
  readonly help?: string | null;
  readonly rows?: number;
  /** The textarea's `maxlength` (UTF-16 code units: tell the limit in `help`). */
  readonly maxLength?: number;
  /** `undefined` shows no badge. */
  readonly required?: boolean;
}) {
  const { id, label, value, onChange, errors = [], help = null } = props;
  const invalid = errors.length > 0;
  return (
    <div className={invalid ? "field field--error" : "field"}>
      <label className="field__label" htmlFor={id}>
        {label}
        {props.required !== undefined && <RequiredMark required={props.required} />}
      </label>
      <FieldMessages id={id} help={help} errors={errors} />
      <textarea
        id={id}
        name={id}
        className="textarea"
        rows={props.rows ?? 4}
        maxLength={props.maxLength}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={invalid || undefined}
        aria-required={props.required === true || undefined}
        aria-describedby={describedBy(id, help !== null, invalid)}
        data-testid={id}
      />
    </div>
  );
}

/** One checkbox with its label after it, and its help and errors under it. */
export function CheckboxField(props: {
  readonly id: string;
  readonly label: string;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly help?: string | null;
  readonly errors?: readonly string[];
  readonly disabled?: boolean;
  readonly testId?: string;
}) {
  const { id, label, checked, onChange, help = null, errors = [] } = props;
  const invalid = errors.length > 0;
  return (
    <div className={invalid ? "field field--error" : "field"}>
      <div className="radio">
        <input
          type="checkbox"
          id={id}
          name={id}
          className="radio__input"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          disabled={props.disabled}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy(id, help !== null, invalid)}
          data-testid={props.testId ?? id}
        />
        <label htmlFor={id} className="radio__label">
          {label}
        </label>
      </div>
      <FieldMessages id={id} help={help} errors={errors} />
    </div>
  );
}

/** One choice of a {@link CheckboxGroup}. */
export interface CheckboxChoice {
  readonly id: string;
  readonly value: string;
  readonly label: string;
  readonly hint?: string;
  readonly disabled?: boolean;
}

/**
 * Checkboxes in a `<fieldset>` whose `<legend>` names the group. Errors about any of its choices are shown once,
 * for the group, under the legend (`name` ties them to the fieldset).
 */
export function CheckboxGroup(props: {
  readonly name: string;
  readonly legend: string;
  readonly choices: readonly CheckboxChoice[];
  readonly selected: readonly string[];
  readonly onToggle: (value: string, on: boolean) => void;
  readonly help?: string | null;
  readonly errors?: readonly string[];
}) {
  const { name, legend, choices, selected, onToggle, help = null, errors = [] } = props;
  const invalid = errors.length > 0;
  return (
    <fieldset className={invalid ? "field field--error radios" : "field radios"} aria-describedby={describedBy(name, help !== null, invalid)} data-testid={name}>
      <legend className="field__label">{legend}</legend>
      <FieldMessages id={name} help={help} errors={errors} />
      {choices.map((c) => (
        <div className="radio" key={c.value}>
          <input
            type="checkbox"
            id={c.id}
            name={name}
            value={c.value}
            className="radio__input"
            checked={selected.includes(c.value)}
            disabled={c.disabled}
            onChange={(e) => onToggle(c.value, e.target.checked)}
            aria-invalid={invalid || undefined}
            data-testid={c.id}
          />
          <label htmlFor={c.id} className="radio__label">
            {c.label}
            {c.hint !== undefined && <span className="radio__hint">{c.hint}</span>}
          </label>
        </div>
      ))}
    </fieldset>
  );
}
