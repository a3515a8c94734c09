import { assertNever, formatWareki, isoToWareki, splitIsoDate } from "@madoguchi/core";
import type { ExtraField } from "./api-types.ts";
import type { Localized } from "./i18n/locale.ts";

/**
 * A date answer as kept (ISO `YYYY-MM-DD`) in both calendars, the 和暦 residents wrote it in and the ISO date staff
 * file it by: `令和7年4月1日（2025-04-01）`, `2025-04-01 (令和7年4月1日)`. The ISO date alone before 明治 (no 和暦 is
 * converted there), and anything that is not an ISO date as it is.
 */
function dateAnswerText(value: string, pick: (text: Localized) => string): string {
  if (splitIsoDate(value) === null) return value;
  const wareki = isoToWareki(value);
  if (wareki.isErr()) return value;
  const era = formatWareki(wareki.value, "kanji");
  return pick({ ja: `${era}（${value}）`, en: `${value} (${era})` });
}

/**
 * How an answer to a procedure's extra question is shown (confirmation step, staff detail): a select's answer
 * by its option's label, a date in 和暦 and ISO, a text or number answer exactly as kept. The raw value when the
 * question or the option is not in the catalog (any more), so that nothing the resident sent is hidden.
 */
export function extraAnswerText(field: ExtraField | undefined, value: string, pick: (text: Localized) => string): string {
  if (field === undefined) return value;
  switch (field.kind) {
    case "select": {
      const option = field.options.find((o) => o.value === value);
      return option === undefined ? value : pick(option.label);
    }
    case "date":
      return dateAnswerText(value, pick);
    case "text":
    case "number":
      return value;
    default:
      return assertNever(field);
  }
}
