import { assertNever } from "@madoguchi/core";
import {
  APPLICANT_FIELDS,
  type ApplicantField,
  type ApplicantInput,
  type ExtraField,
  type FieldError,
  type PrepareBody,
  type Procedure,
} from "../../api-types.ts";
import { pick, type Locale } from "../../i18n/locale.ts";
import { extraFieldMessages } from "./extra-field-messages.ts";

/** What the resident has typed, kept as strings so nothing typed is ever lost or reformatted. */
export interface FormValues {
  readonly applicant: ApplicantInput;
  readonly copies: string;
  readonly deliveryMethodId: string;
  readonly extra: Readonly<Record<string, string>>;
}

/** The input `name`/`id` of an applicant field (end-to-end tests fill the form by these). */
export const applicantFieldId = (field: ApplicantField): string => `applicant.${field}`;
/** The input `name`/`id` of the number of copies. */
export const COPIES_ID = "request.copies";
/** The `name` of the delivery method radios (and the id of their fieldset). */
export const DELIVERY_ID = "request.deliveryMethodId";
/** The input `name`/`id` of a procedure's extra question. */
export const extraFieldId = (key: string): string => `request.extra.${key}`;

/** What the page tells under a question of each kind, after the catalog's help (`[]`: nothing). */
function kindHelp(field: ExtraField, locale: Locale): readonly string[] {
  const m = extraFieldMessages(locale);
  switch (field.kind) {
    case "select":
      return [];
    case "text":
      return [m.maxLength(field.maxLength)];
    case "date": {
      const range = m.dateRange[field.range];
      return range === null ? [m.dateFormats] : [m.dateFormats, range];
    }
    case "number":
      return [m.numberRange(field.min, field.max)];
    default:
      return assertNever(field);
  }
}

/**
 * The help under an extra question: the catalog's help, then what the resident should not have to discover by
 * being refused — a text question's limit (the input's `maxlength` stops typing there), the notations and the
 * range of a date question, the bounds of a number question. `null` when there is none.
 */
export function extraFieldHelp(field: ExtraField, locale: Locale): string | null {
  const parts = [...(field.help === undefined ? [] : [pick(field.help, locale)]), ...kindHelp(field, locale)];
  return parts.length === 0 ? null : parts.join(locale === "ja" ? "" : " ");
}

/** The width of a text question's input, from its limit (10rem holds about 8 full-width characters, 22rem about 20). */
export const extraTextSize = (maxLength: number): "short" | "medium" | "long" =>
  maxLength <= 8 ? "short" : maxLength <= 20 ? "medium" : "long";

/** An empty form for a procedure: one copy, the delivery method preselected only when there is no choice. */
export function emptyForm(procedure: Procedure): FormValues {
  const applicant = Object.fromEntries(APPLICANT_FIELDS.map((f) => [f, ""])) as ApplicantInput;
  const only = procedure.deliveryMethodIds.length === 1 ? procedure.deliveryMethodIds[0] : undefined;
  return {
    applicant,
    copies: "1",
    deliveryMethodId: only ?? "",
    extra: Object.fromEntries(procedure.extraFields.map((f) => [f.key, ""])),
  };
}

/** The body of `POST /api/applications/prepare` (and the base of the final submission). */
export function toPrepareBody(
  procedureId: string,
  locale: Locale,
  submissionKey: string,
  values: FormValues,
): PrepareBody {
  return {
    procedureId,
    locale,
    submissionKey,
    applicant: { ...values.applicant },
    request: { copies: values.copies, deliveryMethodId: values.deliveryMethodId, extra: { ...values.extra } },
  };
}

/** The input ids of a procedure's form, in the order they appear. */
export function formFieldIds(procedure: Procedure): string[] {
  return [
    ...APPLICANT_FIELDS.map(applicantFieldId),
    COPIES_ID,
    DELIVERY_ID,
    ...procedure.extraFields.map((f) => extraFieldId(f.key)),
  ];
}

const APPLICANT_SET: ReadonlySet<string> = new Set(APPLICANT_FIELDS);

/**
 * The input id a server field path refers to. Accepts the documented form (`applicant.name`,
 * `request.extra.year`) and tolerates close variants (`/applicant/name`, `name`, `extra.year`) so that a
 * message is never dropped just because of its path's spelling.
 */
export function normaliseFieldPath(field: string): string {
  let path = field.replace(/^[/.]+/, "").replaceAll("/", ".").replace(/^body\./, "");
  if (APPLICANT_SET.has(path)) path = `applicant.${path}`;
  else if (path === "copies" || path === "deliveryMethodId" || path.startsWith("extra.")) path = `request.${path}`;
  return path;
}

/** A line of the error summary: `targetId` is the input to jump to, `null` when the error is not a field's. */
export interface SummaryItem {
  readonly targetId: string | null;
  readonly message: string;
}

/** Field errors arranged for display: per input, and as the summary list in form order. */
export interface ArrangedErrors {
  readonly byField: ReadonlyMap<string, readonly string[]>;
  readonly summary: readonly SummaryItem[];
}

/**
 * Arranges a 422's field errors: every message is shown (all at once), under its input when the input
 * exists, and in the summary — ordered as the form is, unknown paths last.
 */
export function arrangeFieldErrors(errors: readonly FieldError[], orderedIds: readonly string[]): ArrangedErrors {
  const byField = new Map<string, string[]>();
  const known: { index: number; item: SummaryItem }[] = [];
  const unknown: SummaryItem[] = [];
  for (const error of errors) {
    const id = normaliseFieldPath(error.field);
    const index = orderedIds.indexOf(id);
    const message = error.message === "" ? error.code : error.message;
    if (index === -1) {
      unknown.push({ targetId: null, message });
      continue;
    }
    const list = byField.get(id) ?? [];
    if (!list.includes(message)) list.push(message);
    byField.set(id, list);
    known.push({ index, item: { targetId: id, message } });
  }
  known.sort((a, b) => a.index - b.index);
  return { byField, summary: [...known.map((k) => k.item), ...unknown] };
}
