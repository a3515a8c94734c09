import type { HTMLAttributes } from "react";
import { describedBy, FieldMessages } from "./field-messages.tsx";
import { RequiredMark } from "./required-mark.tsx";

/** Props of {@link TextField}. */
export interface TextFieldProps {
  /** Used as both `id` and `name` (tests and the error summary find inputs by it). */
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** `undefined` shows no badge (e.g. login forms where everything is required). */
  readonly required?: boolean;
  readonly help?: string | null;
  readonly errors?: readonly string[];
  readonly type?: "text" | "email" | "tel" | "password" | "date" | "month";
  readonly inputMode?: HTMLAttributes<HTMLInputElement>["inputMode"];
  readonly autoComplete?: string;
  readonly placeholder?: string;
  readonly testId?: string;
  readonly size?: "short" | "medium" | "long";
  readonly spellCheck?: boolean;
  readonly disabled?: boolean;
  /** The input's `maxlength`. Browsers count UTF-16 code units, so 𠮷 counts twice here: tell the limit in `help`. */
  readonly maxLength?: number;
  /** A date input's earliest and latest day (`YYYY-MM-DD`); the browser's picker offers only those. */
  readonly min?: string;
  readonly max?: string;
  /** Announce errors as they appear (`role="alert"`): for fields whose errors come without a summary. */
  readonly announceErrors?: boolean;
}

/**
 * A labelled text input with its help and error texts tied to it (`aria-describedby`, `aria-invalid`).
 * No HTML `required`: the browser's own bubbles would stop the submit, and the server reports every error at
 * once in the page's language instead.
 */
export function TextField(props: TextFieldProps) {
  const { id, label, value, onChange, help = null, errors = [], type = "text", size = "long" } = props;
  const invalid = errors.length > 0;
  return (
    <div className={invalid ? "field field--error" : "field"}>
      <label className="field__label" htmlFor={id}>
        {label}
        {props.required !== undefined && <RequiredMark required={props.required} />}
      </label>
      <FieldMessages id={id} help={help} errors={errors} announce={props.announceErrors === true} />
      <input
        id={id}
        name={id}
        type={type}
        className={`input input--${size}`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={invalid || undefined}
        aria-required={props.required === true || undefined}
        aria-describedby={describedBy(id, help !== null, invalid)}
        inputMode={props.inputMode}
        autoComplete={props.autoComplete}
        placeholder={props.placeholder}
        data-testid={props.testId}
        spellCheck={props.spellCheck}
        disabled={props.disabled}
        maxLength={props.maxLength}
        min={props.min}
        max={props.max}
      />
    </div>
  );
}
