import { assertNever, EXTRA_NUMBER_LIMIT, MAX_FEE_PER_COPY } from "@madoguchi/core";
import { APPLICANT_FIELDS } from "../../../api-types.ts";
import { parseInteger, parseKeywords, parseSignedInteger, TEXT_MAX_LENGTH_LIMIT, type ProcedureDraft, type QuestionDraft } from "./procedure-draft.ts";
import { fieldRef, type EditorChoices, type PathSegment } from "./procedure-fields.ts";
import type { EditorError } from "./procedure-issues.ts";
import { RESERVED_PROCEDURE_IDS } from "./procedure-paths.ts";
import type { ProcedureMessages } from "./procedures-messages.ts";

/**
 * The rules of core's catalog schema (core/src/procedures/procedure-catalog.schema.ts) that staff can break by
 * typing, checked before sending so that the common mistakes come back at once and in Japanese. The server
 * checks everything again (and the references across the catalog); its issues are placed the same way.
 */

/** A procedure id (core's `Slug`): it becomes the application page's address. */
export const PROCEDURE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** A question's key (core's extra field key): a form field name and an object key, so never `__proto__`. */
export const QUESTION_KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
/** Core's `Text`: every name, description, label and help text. */
export const TEXT_MAX = 2000;
/** Core's option value. */
export const OPTION_VALUE_MAX = 64;
/** Core's keyword. */
export const KEYWORD_MAX = 50;
/** Core's bound of a fee per copy (a million yen): a slipped key (30000 for 300) is caught before residents are charged it. */
export const FEE_MAX = MAX_FEE_PER_COPY;
/** Core's `maxCopies`: 1–1000. */
export const MAX_COPIES_LIMIT = 1000;
/** Core's bound of a number question's `min` and `max`: from minus this to this. */
export const NUMBER_BOUND_LIMIT = EXTRA_NUMBER_LIMIT;

/** What the checks need besides the draft. */
export interface CheckContext {
  readonly choices: EditorChoices;
  /** A new procedure (its id is typed and must be free); `false` when editing (the id is fixed). */
  readonly creating: boolean;
  /** Every procedure id already in the catalog. */
  readonly existingIds: readonly string[];
}

/** Every problem of the draft the client can see, in the form's order; empty when it may be sent. */
export const checkDraft = (draft: ProcedureDraft, context: CheckContext, m: ProcedureMessages): readonly EditorError[] => {
  const errors: EditorError[] = [];
  const c = m.check;
  const add = (path: readonly PathSegment[], message: (label: string) => string) => {
    const ref = fieldRef(path, draft, context.choices, m);
    const text = message(ref?.label ?? path.join("."));
    errors.push({ targetId: ref?.targetId ?? null, inline: text, summary: text });
  };
  const text = (path: readonly PathSegment[], value: string, required: boolean) => {
    const v = value.trim();
    if (v === "") {
      if (required) add(path, c.required);
    } else if (v.length > TEXT_MAX) add(path, (label) => c.tooLong(label, TEXT_MAX));
  };
  /** A help text: optional, but both languages or neither. */
  const pair = (path: readonly PathSegment[], ja: string, en: string) => {
    const hasJa = ja.trim() !== "";
    const hasEn = en.trim() !== "";
    if (hasJa && !hasEn) add([...path, "en"], c.pairMissing);
    if (hasEn && !hasJa) add([...path, "ja"], c.pairMissing);
    text([...path, "ja"], ja, false);
    text([...path, "en"], en, false);
  };
  const integer = (path: readonly PathSegment[], value: string, min: number, max: number) => {
    const n = parseInteger(value);
    if (value.trim() === "") add(path, c.required);
    else if (n === null || n < min || n > max) add(path, (label) => c.integer(label, min, max));
  };
  /** A number question's bound: a whole number within core's limit, or `null` (and an error) when it is not one. */
  const bound = (path: readonly PathSegment[], value: string): number | null => {
    if (value.trim() === "") {
      add(path, c.required);
      return null;
    }
    const n = parseSignedInteger(value);
    if (n === null || Math.abs(n) > NUMBER_BOUND_LIMIT) {
      add(path, (label) => c.bound(label, NUMBER_BOUND_LIMIT));
      return null;
    }
    return n;
  };
  const selectOptions = (q: QuestionDraft, at: readonly PathSegment[]) => {
    if (q.options.length === 0) add([...at, "options"], c.optionsRequired);
    const values = q.options.map((o) => o.value.trim());
    q.options.forEach((o, j) => {
      const value = values[j] ?? "";
      const path = [...at, "options", j] as const;
      if (value === "") add([...path, "value"], c.required);
      else if (value.length > OPTION_VALUE_MAX) add([...path, "value"], (label) => c.tooLong(label, OPTION_VALUE_MAX));
      else if (values.indexOf(value) !== j) add([...path, "value"], (label) => c.valueDuplicate(label, value));
      text([...path, "label", "ja"], o.labelJa, true);
      text([...path, "label", "en"], o.labelEn, true);
    });
  };

  if (context.creating) {
    const id = draft.id.trim();
    if (id === "") add(["id"], c.required);
    else if (!PROCEDURE_ID_PATTERN.test(id)) add(["id"], () => c.idPattern);
    else if (context.existingIds.includes(id)) add(["id"], () => c.idTaken(id));
    else if (RESERVED_PROCEDURE_IDS.includes(id)) add(["id"], () => c.idReserved(id));
  }
  text(["name", "ja"], draft.nameJa, true);
  text(["name", "en"], draft.nameEn, true);
  text(["description", "ja"], draft.descriptionJa, true);
  text(["description", "en"], draft.descriptionEn, true);
  integer(["feePerCopy"], draft.feePerCopy, 0, FEE_MAX);
  integer(["maxCopies"], draft.maxCopies, 1, MAX_COPIES_LIMIT);
  if (draft.deliveryMethodIds.length === 0) add(["deliveryMethodIds"], () => c.deliveryRequired);
  for (const keyword of parseKeywords(draft.keywords)) if (keyword.length > KEYWORD_MAX) add(["keywords"], () => c.keywordTooLong(keyword));
  for (const field of APPLICANT_FIELDS) pair(["fieldHelp", field], draft.fieldHelp[field].ja, draft.fieldHelp[field].en);

  const keys = draft.questions.map((q) => q.key.trim());
  draft.questions.forEach((q, i) => {
    const at = ["extraFields", i] as const;
    const key = keys[i] ?? "";
    if (key === "") add([...at, "key"], c.required);
    else if (!QUESTION_KEY_PATTERN.test(key)) add([...at, "key"], c.keyPattern);
    else if (keys.indexOf(key) !== i) add([...at, "key"], (label) => c.keyDuplicate(label, key));
    text([...at, "label", "ja"], q.labelJa, true);
    text([...at, "label", "en"], q.labelEn, true);
    pair([...at, "help"], q.helpJa, q.helpEn);
    switch (q.kind) {
      case "text":
        integer([...at, "maxLength"], q.maxLength, 1, TEXT_MAX_LENGTH_LIMIT);
        return;
      case "select":
        selectOptions(q, at);
        return;
      case "date":
        // Its range is one of three radios: nothing to type wrong.
        return;
      case "number": {
        const min = bound([...at, "min"], q.min);
        const max = bound([...at, "max"], q.max);
        // On the highest value, as core's schema puts it: this and the server's issue land beside the same input.
        if (min !== null && max !== null && min > max) add([...at, "max"], (label) => c.maxBelowMin(label, min));
        return;
      }
      default:
        assertNever(q.kind);
    }
  });
  return errors;
};
