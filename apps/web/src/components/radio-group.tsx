import { describedBy, FieldMessages } from "./field-messages.tsx";
import { RequiredMark } from "./required-mark.tsx";

/** Props of {@link RadioGroup}. */
export interface RadioGroupProps {
  /** The radios' shared `name`; also the `id` of the first radio, so the error summary can focus it. */
  readonly name: string;
  readonly legend: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** `disabled`: shown but not choosable (say why in `help` or the option's `hint`). */
  readonly options: readonly { readonly value: string; readonly label: string; readonly hint?: string; readonly disabled?: boolean }[];
  readonly required?: boolean;
  readonly help?: string | null;
  readonly errors?: readonly string[];
}

/** Radios in a `<fieldset>` whose `<legend>` is the question (screen readers read it with each radio). */
export function RadioGroup(props: RadioGroupProps) {
  const { name, legend, value, onChange, options, help = null, errors = [] } = props;
  const invalid = errors.length > 0;
  return (
    <fieldset
      className={invalid ? "field field--error radios" : "field radios"}
      aria-describedby={describedBy(name, help !== null, invalid)}
    >
      <legend className="field__label">
        {legend}
        {props.required !== undefined && <RequiredMark required={props.required} />}
      </legend>
      <FieldMessages id={name} help={help} errors={errors} />
      {options.map((option, index) => {
        const id = index === 0 ? name : `${name}--${option.value}`;
        return (
          <div className="radio" key={option.value}>
            <input
              type="radio"
              id={id}
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              disabled={option.disabled}
              aria-invalid={invalid || undefined}
              className="radio__input"
            />
            <label htmlFor={id} className="radio__label">
              {option.label}
              {option.hint !== undefined && <span className="radio__hint">{option.hint}</span>}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}
