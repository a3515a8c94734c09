import { assertNever } from "@madoguchi/core";
import { APPLICANT_FIELDS, type ApplicantField, type ExtraField, type Procedure } from "../../../api-types.ts";
import type { Localized } from "../../../i18n/locale.ts";
import { MAX_COPIES_LIMIT, NUMBER_BOUND_LIMIT } from "./procedure-checks.ts";
import { normaliseRequiredFields, parseInteger, parseSignedInteger, TEXT_MAX_LENGTH_LIMIT, type ProcedureDraft, type QuestionDraft } from "./procedure-draft.ts";
import { procedureMessages, type ProcedureMessages } from "./procedures-messages.ts";

/**
 * S6: the procedure the resident form would show for a draft, so that staff see the form as they build it. Unlike
 * `toDefinition` it is for looking at, never for sending:
 * - questions are keyed by their `uid` and options valued by theirs, so a key or a value not typed yet (or typed
 *   twice) still gives every input its own id and every option its own entry;
 * - a text typed in one language only shows in the other too, and one typed in neither shows a placeholder that
 *   says so;
 * - the fee is not on the form (the resident sees it on the next step), so a fee not typed yet does not matter.
 *
 * `null` when a number the form shows does not parse or is out of range — the most copies, a text question's
 * longest answer, a number question's bounds (or its lowest above its highest): a preview would show a made-up limit.
 * A date question's range always shows: it is one of three choices.
 */
export const previewProcedure = (draft: ProcedureDraft): Procedure | null => {
  const maxCopies = inRange(parseInteger(draft.maxCopies), 1, MAX_COPIES_LIMIT);
  if (maxCopies === null) return null;
  const extraFields: ExtraField[] = [];
  for (const [index, q] of draft.questions.entries()) {
    const field = previewQuestion(q, index + 1);
    if (field === null) return null;
    extraFields.push(field);
  }
  const fieldHelp: Partial<Record<ApplicantField, Localized>> = {};
  for (const f of APPLICANT_FIELDS) {
    const help = eitherLanguage(draft.fieldHelp[f].ja, draft.fieldHelp[f].en);
    if (help !== null) fieldHelp[f] = help;
  }
  return {
    id: draft.id.trim(),
    name: eitherLanguage(draft.nameJa, draft.nameEn) ?? { ja: "", en: "" },
    description: eitherLanguage(draft.descriptionJa, draft.descriptionEn) ?? { ja: "", en: "" },
    feePerCopy: parseInteger(draft.feePerCopy) ?? 0,
    maxCopies,
    deliveryMethodIds: [...draft.deliveryMethodIds],
    extraFields,
    requiredFields: normaliseRequiredFields(draft.requiredFields),
    fieldHelp,
    requiresSignature: draft.requiresSignature,
    ...(draft.paymentTiming === "at_submission" ? {} : { paymentTiming: draft.paymentTiming }),
  };
};

const inRange = (n: number | null, min: number, max: number): number | null => (n !== null && n >= min && n <= max ? n : null);

/** Both languages trimmed, each standing in for the other when empty; `null` when neither was typed. */
const eitherLanguage = (ja: string, en: string): Localized | null => {
  const [j, e] = [ja.trim(), en.trim()];
  if (j === "" && e === "") return null;
  return { ja: j === "" ? e : j, en: e === "" ? j : e };
};

const placeholder = (text: (m: ProcedureMessages) => string): Localized => ({ ja: text(procedureMessages.ja), en: text(procedureMessages.en) });

const previewQuestion = (q: QuestionDraft, n: number): ExtraField | null => {
  const common = {
    key: q.uid,
    label: eitherLanguage(q.labelJa, q.labelEn) ?? placeholder((m) => m.preview.untitledQuestion(n)),
    required: q.required,
    ...withHelp(eitherLanguage(q.helpJa, q.helpEn)),
  };
  switch (q.kind) {
    case "text": {
      const maxLength = inRange(parseInteger(q.maxLength), 1, TEXT_MAX_LENGTH_LIMIT);
      return maxLength === null ? null : { ...common, kind: "text", maxLength };
    }
    case "select":
      return {
        ...common,
        kind: "select",
        options: q.options.map((o, i) => ({ value: o.uid, label: eitherLanguage(o.labelJa, o.labelEn) ?? placeholder((m) => m.preview.untitledOption(i + 1)) })),
      };
    case "date":
      return { ...common, kind: "date", range: q.range };
    case "number": {
      const min = inRange(parseSignedInteger(q.min), -NUMBER_BOUND_LIMIT, NUMBER_BOUND_LIMIT);
      const max = inRange(parseSignedInteger(q.max), -NUMBER_BOUND_LIMIT, NUMBER_BOUND_LIMIT);
      return min === null || max === null || min > max ? null : { ...common, kind: "number", min, max };
    }
    default:
      return assertNever(q.kind);
  }
};

const withHelp = (help: Localized | null): { readonly help?: Localized } => (help === null ? {} : { help });
