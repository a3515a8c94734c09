import { assertNever } from "@madoguchi/core";
import { normaliseRequiredFields, parseKeywords, type ProcedureDraft, type QuestionDraft } from "./procedure-draft.ts";

/**
 * S6: whether the editor holds changes a save would keep — what the page warns about before staff leave it.
 * Compared as a save would send it, so that what a save drops is no change: spaces around a text, keywords
 * written one a line or with commas, the settings of the question kind not chosen, the `uid`s that only name
 * inputs. Numbers are compared as typed: `abc` and `xyz` are both not a fee, but both are something staff typed.
 */
export const hasUnsavedChanges = (saved: ProcedureDraft, current: ProcedureDraft): boolean => saved !== current && comparable(saved) !== comparable(current);

const comparable = (draft: ProcedureDraft): string =>
  JSON.stringify({
    ...trimmed(draft),
    keywords: parseKeywords(draft.keywords),
    requiredFields: normaliseRequiredFields(draft.requiredFields),
    fieldHelp: Object.fromEntries(Object.entries(draft.fieldHelp).map(([f, help]) => [f, { ja: help.ja.trim(), en: help.en.trim() }])),
    questions: draft.questions.map(comparableQuestion),
  });

const comparableQuestion = ({ uid: _uid, options, maxLength, range, min, max, ...q }: QuestionDraft) => ({
  ...trimmed(q),
  ...chosenSettings(q.kind, { options, maxLength, range, min, max }),
});

/** The settings of the question's kind, those a save sends. */
const chosenSettings = (kind: QuestionDraft["kind"], s: Pick<QuestionDraft, "options" | "maxLength" | "range" | "min" | "max">) => {
  switch (kind) {
    case "select":
      return { options: s.options.map(({ uid: _o, ...o }) => trimmed(o)) };
    case "text":
      return { maxLength: s.maxLength.trim() };
    case "date":
      return { range: s.range };
    case "number":
      return { min: s.min.trim(), max: s.max.trim() };
    default:
      return assertNever(kind);
  }
};

/** The object with its string properties trimmed (arrays and nested objects as they are). */
const trimmed = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === "string" ? v.trim() : v])) as T;
