import { assertNever } from "@madoguchi/core";
import type { ExtraField } from "../../api-types.ts";
import { SelectField } from "../../components/select-field.tsx";
import { TextField } from "../../components/text-field.tsx";
import { useI18n } from "../../i18n/i18n-context.tsx";
import { extraFieldHelp, extraFieldId, extraTextSize } from "./application-form.ts";
import { extraFieldMessages } from "./extra-field-messages.ts";

/**
 * The input of one of the procedure's own questions (S6), by its kind: a select, a line of text, a date typed as
 * residents write dates (和暦 or 西暦: as the date of birth, a text input, not the browser's date picker, which knows
 * no 和暦), or a whole number. Every kind has the same label, required mark, help and errors as the others.
 */
export function ExtraQuestionField({
  field,
  value,
  onChange,
  errors,
}: {
  readonly field: ExtraField;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly errors: readonly string[];
}) {
  const { t, locale, pick } = useI18n();
  const common = {
    id: extraFieldId(field.key),
    label: pick(field.label),
    value,
    onChange,
    required: field.required,
    help: extraFieldHelp(field, locale),
    errors,
  };
  switch (field.kind) {
    case "select":
      return <SelectField {...common} options={field.options.map((o) => ({ value: o.value, label: pick(o.label) }))} placeholder={t.form.selectPlaceholder} />;
    case "text":
      return <TextField {...common} maxLength={field.maxLength} autoComplete="off" size={extraTextSize(field.maxLength)} />;
    case "date":
      return <TextField {...common} placeholder={extraFieldMessages(locale).datePlaceholder} autoComplete="off" spellCheck={false} size="long" />;
    case "number":
      // Phones' numeric keypads have no minus sign: a question that takes negative numbers keeps the full keyboard.
      return <TextField {...common} inputMode={field.min < 0 ? "text" : "numeric"} autoComplete="off" size="short" />;
    default:
      return assertNever(field);
  }
}
