import type { ExtraField } from "./api-types.ts";
import type { Localized } from "./i18n/locale.ts";

/**
 * How an answer to a procedure's extra question is shown (confirmation step, staff detail): a select's answer
 * by its option's label, a text answer exactly as typed. The raw value when the question or the option is not
 * in the catalog (any more), so that nothing the resident sent is hidden.
 */
export function extraAnswerText(field: ExtraField | undefined, value: string, pick: (text: Localized) => string): string {
  if (field?.kind !== "select") return value;
  const option = field.options.find((o) => o.value === value);
  return option === undefined ? value : pick(option.label);
}
