import { describedBy, FieldMessages } from "./field-messages.tsx";
import { RequiredMark } from "./required-mark.tsx";

/** Props of {@link SelectField}. */
export interface SelectFieldProps {
  /** Used as both `id` and `name`. */
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly options: readonly { readonly value: string; readonly label: string }[];
  /** Text of the empty first option; `null` for none (a value is always chosen). */
  readonly placeholder: string | null;
  readonly required?: boolean;
  readonly help?: string | null;
  readonly errors?: readonly string[];
  readonly testId?: string;
}

/** A labelled `<select>` with help and errors tied to it. */
export function SelectField(props: SelectFieldProps) {
  const { id, label, value, onChange, options, placeholder, help = null, errors = [] } = props;
  const invalid = errors.length > 0;
  return (
    <div className={invalid ? "field field--error" : "field"}>
      <label className="field__label" htmlFor={id}>
        {label}
        {props.required !== undefined && <RequiredMark required={props.required} />}
      </label>
      <FieldMessages id={id} help={help} errors={errors} />
      <select
        id={id}
        name={id}
        className="select"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={invalid || undefined}
        aria-required={props.required === true || undefined}
        aria-describedby={describedBy(id, help !== null, invalid)}
        data-testid={props.testId}
      >
        {placeholder !== null && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
