import { assertNever, EXTRA_FIELD_KINDS, normalizeDashes, type DateRange } from "@madoguchi/core";
import { APPLICANT_FIELDS, type ApplicantField, type ExtraField, type ProcedureDefinition } from "../../../api-types.ts";
import type { Localized } from "../../../i18n/locale.ts";

/**
 * S6: the procedure editor's form as typed — every input a string or a flag, so that what staff type is kept
 * as they typed it until they save — and its conversion to and from the definition the server stores.
 */

/** One option of a select question, as typed. `uid` names its inputs and stays with it when options move. */
export interface OptionDraft {
  readonly uid: string;
  readonly value: string;
  readonly labelJa: string;
  readonly labelEn: string;
}

/** The kinds of question staff may add. */
export type QuestionKind = ExtraField["kind"];

/** The kinds in the order the editor offers them (core's list). */
export const QUESTION_KINDS = EXTRA_FIELD_KINDS;

/** Which dates a date question takes (core's `DateRange`), in the order the editor offers them. */
export const DATE_RANGES = ["past", "future", "any"] as const satisfies readonly DateRange[];

/**
 * One extra question, as typed. Every kind's settings are kept, so switching the kind back and forth loses nothing;
 * only the chosen kind's are sent. `saved`: it came from the stored procedure, so its key is fixed (applications
 * already hold answers under it).
 */
export interface QuestionDraft {
  readonly uid: string;
  readonly saved: boolean;
  readonly key: string;
  readonly labelJa: string;
  readonly labelEn: string;
  readonly helpJa: string;
  readonly helpEn: string;
  readonly kind: QuestionKind;
  readonly required: boolean;
  readonly options: readonly OptionDraft[];
  /** A text question's longest answer. */
  readonly maxLength: string;
  /** A date question's range. */
  readonly range: DateRange;
  /** A number question's bounds, as typed (a minus sign allowed). */
  readonly min: string;
  readonly max: string;
}

/** Who may apply: `both` is the absent `residentEntry` (an account or only an email address). */
export type ResidentEntryChoice = "both" | "account" | "email_only";

/** When the resident pays. */
export type PaymentTiming = NonNullable<ProcedureDefinition["paymentTiming"]>;

/** The procedure editor's whole form. */
export interface ProcedureDraft {
  readonly id: string;
  readonly nameJa: string;
  readonly nameEn: string;
  readonly descriptionJa: string;
  readonly descriptionEn: string;
  readonly feePerCopy: string;
  readonly maxCopies: string;
  readonly deliveryMethodIds: readonly string[];
  readonly requiresSignature: boolean;
  readonly enabled: boolean;
  readonly paymentTiming: PaymentTiming;
  readonly residentEntry: ResidentEntryChoice;
  readonly officeIds: readonly string[];
  readonly categoryIds: readonly string[];
  readonly lifeEventIds: readonly string[];
  /** One keyword a line, or separated by commas. */
  readonly keywords: string;
  /** Always includes `email` (the resident form always asks for it). */
  readonly requiredFields: readonly ApplicantField[];
  readonly fieldHelp: Readonly<Record<ApplicantField, { readonly ja: string; readonly en: string }>>;
  readonly questions: readonly QuestionDraft[];
}

/** The applicant field every procedure requires: the confirmation and status mails go there. */
export const ALWAYS_REQUIRED: ApplicantField = "email";

/** Text questions' longest answer the catalog allows (core's `TextExtraField`). */
export const TEXT_MAX_LENGTH_LIMIT = 200;

/**
 * The settings a question starts with for the kinds it is not (yet): what a new question of that kind gets, and
 * what a stored question of another kind gets should staff switch it. 0–99 fits a count (of persons, of years);
 * staff change it for anything else.
 */
const KIND_DEFAULTS = { maxLength: "50", range: "any", min: "0", max: "99" } as const satisfies Pick<QuestionDraft, "maxLength" | "range" | "min" | "max">;

const emptyFieldHelp = (): ProcedureDraft["fieldHelp"] =>
  Object.fromEntries(APPLICANT_FIELDS.map((f) => [f, { ja: "", en: "" }])) as Record<ApplicantField, { ja: string; en: string }>;

/** `requiredFields` in the form's order, with `email` always in it. */
export const normaliseRequiredFields = (fields: readonly ApplicantField[]): readonly ApplicantField[] =>
  APPLICANT_FIELDS.filter((f) => f === ALWAYS_REQUIRED || fields.includes(f));

/**
 * A fresh id for a new question or option (`q3`, `o7`): one more than the highest of its prefix in the draft, so
 * that ids stay unique within the page and predictable for tests.
 */
export const nextUid = (draft: Pick<ProcedureDraft, "questions">, prefix: "q" | "o"): string => {
  const taken = prefix === "q" ? draft.questions.map((q) => q.uid) : draft.questions.flatMap((q) => q.options.map((o) => o.uid));
  const highest = Math.max(0, ...taken.map((uid) => (uid.startsWith(prefix) ? Number(uid.slice(1)) : 0)).filter(Number.isFinite));
  return `${prefix}${highest + 1}`;
};

/** The form of a new procedure: nothing chosen but what nearly every procedure wants; not published yet. */
export const emptyDraft = (deliveryMethodIds: readonly string[]): ProcedureDraft => ({
  id: "",
  nameJa: "",
  nameEn: "",
  descriptionJa: "",
  descriptionEn: "",
  feePerCopy: "",
  maxCopies: "5",
  deliveryMethodIds: deliveryMethodIds.slice(0, 1),
  requiresSignature: false,
  enabled: false,
  paymentTiming: "at_submission",
  residentEntry: "both",
  officeIds: [],
  categoryIds: [],
  lifeEventIds: [],
  keywords: "",
  requiredFields: normaliseRequiredFields(["name", "address"]),
  fieldHelp: emptyFieldHelp(),
  questions: [],
});

/** A new question (a select with one empty option): its `uid` and its first option's are fresh. */
export const newQuestion = (draft: Pick<ProcedureDraft, "questions">): QuestionDraft => ({
  uid: nextUid(draft, "q"),
  saved: false,
  key: "",
  labelJa: "",
  labelEn: "",
  helpJa: "",
  helpEn: "",
  kind: "select",
  required: false,
  options: [newOption(draft)],
  ...KIND_DEFAULTS,
});

/** A new empty option with a fresh `uid`. */
export const newOption = (draft: Pick<ProcedureDraft, "questions">): OptionDraft => ({ uid: nextUid(draft, "o"), value: "", labelJa: "", labelEn: "" });

/**
 * The question switched to `kind`: its key, texts and required flag stay, and so do the settings of every kind (a
 * switch back finds them as they were). A select without options (a stored question of another kind) gets one
 * empty option, as a new question does, so that there is an input to type into.
 */
export const withKind = (q: QuestionDraft, kind: QuestionKind, freshOption: () => OptionDraft): QuestionDraft => ({
  ...q,
  kind,
  ...(kind === "select" && q.options.length === 0 ? { options: [freshOption()] } : {}),
});

/** The form of a stored procedure: its questions are `saved` (their keys fixed). */
export const draftOf = (p: ProcedureDefinition): ProcedureDraft => {
  let optionCount = 0;
  const fieldHelp = emptyFieldHelp() as Record<ApplicantField, { ja: string; en: string }>;
  for (const f of APPLICANT_FIELDS) {
    const help = p.fieldHelp[f];
    if (help !== undefined) fieldHelp[f] = { ja: help.ja, en: help.en };
  }
  const entry = p.residentEntry ?? [];
  return {
    id: p.id,
    nameJa: p.name.ja,
    nameEn: p.name.en,
    descriptionJa: p.description.ja,
    descriptionEn: p.description.en,
    feePerCopy: String(p.feePerCopy),
    maxCopies: String(p.maxCopies),
    deliveryMethodIds: [...p.deliveryMethodIds],
    requiresSignature: p.requiresSignature,
    enabled: p.enabled,
    paymentTiming: p.paymentTiming ?? "at_submission",
    residentEntry: entry.length === 1 ? (entry[0] ?? "both") : "both",
    officeIds: [...(p.officeIds ?? [])],
    categoryIds: [...(p.categoryIds ?? [])],
    lifeEventIds: [...(p.lifeEventIds ?? [])],
    keywords: (p.keywords ?? []).join("\n"),
    requiredFields: normaliseRequiredFields(p.requiredFields),
    fieldHelp,
    questions: p.extraFields.map((f, i) => ({
      uid: `q${i + 1}`,
      saved: true,
      key: f.key,
      labelJa: f.label.ja,
      labelEn: f.label.en,
      helpJa: f.help?.ja ?? "",
      helpEn: f.help?.en ?? "",
      kind: f.kind,
      required: f.required,
      options: f.kind === "select" ? f.options.map((o) => ({ uid: `o${++optionCount}`, value: o.value, labelJa: o.label.ja, labelEn: o.label.en })) : [],
      maxLength: f.kind === "text" ? String(f.maxLength) : KIND_DEFAULTS.maxLength,
      range: f.kind === "date" ? f.range : KIND_DEFAULTS.range,
      min: f.kind === "number" ? String(f.min) : KIND_DEFAULTS.min,
      max: f.kind === "number" ? String(f.max) : KIND_DEFAULTS.max,
    })),
  };
};

/** Full-width digits (as an IME types them) to ASCII. */
const halfWidthDigits = (s: string): string => s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/**
 * A whole number as staff type it — `300`, `３００`, `1,000` — or `null` when it is not one (decimals, signs,
 * words, nothing).
 */
export const parseInteger = (text: string): number | null => {
  const s = halfWidthDigits(text.trim()).replace(/[,，]/g, "");
  return /^\d{1,15}$/.test(s) ? Number(s) : null;
};

/**
 * A whole number that may be below zero — a number question's bounds: as {@link parseInteger}, with a leading minus
 * sign as any IME types it (`-`, `－`, `−`, `ー` …). `null` when it is not one.
 */
export const parseSignedInteger = (text: string): number | null => {
  const s = normalizeDashes(halfWidthDigits(text.trim()).replace(/[,，]/g, ""));
  if (!/^-?\d{1,15}$/.test(s)) return null;
  const n = Number(s);
  // `-0` is 0: the bound sent and shown is the same either way.
  return n === 0 ? 0 : n;
};

/** Keywords typed one a line or separated by commas (`,` `、` `，`): trimmed, empty ones dropped, each once. */
export const parseKeywords = (text: string): readonly string[] => [
  ...new Set(
    text
      .split(/[\n\r,、，]+/)
      .map((k) => k.trim())
      .filter((k) => k !== ""),
  ),
];

/** A Localized from two inputs, both trimmed. */
const localized = (ja: string, en: string): Localized => ({ ja: ja.trim(), en: en.trim() });

/** A help text is sent only when something was typed in either language. */
const optionalHelp = (ja: string, en: string): { readonly help?: Localized } => (ja.trim() === "" && en.trim() === "" ? {} : { help: localized(ja, en) });

const questionDefinition = (q: QuestionDraft): ExtraField => {
  // In the catalog file's order (key, label, kind, the kind's settings, required, help), as staff read it there.
  const head = { key: q.key.trim(), label: localized(q.labelJa, q.labelEn) };
  const tail = { required: q.required, ...optionalHelp(q.helpJa, q.helpEn) };
  switch (q.kind) {
    case "text":
      return { ...head, kind: "text", maxLength: parseInteger(q.maxLength) ?? Number.NaN, ...tail };
    case "select":
      return { ...head, kind: "select", options: q.options.map((o) => ({ value: o.value.trim(), label: localized(o.labelJa, o.labelEn) })), ...tail };
    case "date":
      return { ...head, kind: "date", range: q.range, ...tail };
    case "number":
      return { ...head, kind: "number", min: parseSignedInteger(q.min) ?? Number.NaN, max: parseSignedInteger(q.max) ?? Number.NaN, ...tail };
    default:
      return assertNever(q.kind);
  }
};

/**
 * The definition a save sends: texts trimmed; optional lists and choices only when they say something (no
 * `residentEntry` means both ways; no `paymentTiming` means at submission); `email` always required. The order of
 * the questions and options is the form's, one for one, so a server issue's index names the same entry. Numbers
 * that do not parse become `NaN`: the client checks stop such a draft before it is sent.
 */
export const toDefinition = (draft: ProcedureDraft): ProcedureDefinition => {
  const fieldHelp: Partial<Record<ApplicantField, Localized>> = {};
  for (const f of APPLICANT_FIELDS) {
    const help = draft.fieldHelp[f];
    if (help.ja.trim() !== "" || help.en.trim() !== "") fieldHelp[f] = localized(help.ja, help.en);
  }
  const keywords = parseKeywords(draft.keywords);
  return {
    id: draft.id.trim(),
    name: localized(draft.nameJa, draft.nameEn),
    description: localized(draft.descriptionJa, draft.descriptionEn),
    feePerCopy: parseInteger(draft.feePerCopy) ?? Number.NaN,
    maxCopies: parseInteger(draft.maxCopies) ?? Number.NaN,
    deliveryMethodIds: [...draft.deliveryMethodIds],
    extraFields: draft.questions.map(questionDefinition),
    requiredFields: normaliseRequiredFields(draft.requiredFields),
    fieldHelp,
    requiresSignature: draft.requiresSignature,
    enabled: draft.enabled,
    ...(draft.officeIds.length > 0 ? { officeIds: [...draft.officeIds] } : {}),
    ...(draft.residentEntry === "both" ? {} : { residentEntry: [draft.residentEntry] }),
    ...(draft.paymentTiming === "at_submission" ? {} : { paymentTiming: draft.paymentTiming }),
    ...(draft.categoryIds.length > 0 ? { categoryIds: [...draft.categoryIds] } : {}),
    ...(draft.lifeEventIds.length > 0 ? { lifeEventIds: [...draft.lifeEventIds] } : {}),
    ...(keywords.length > 0 ? { keywords } : {}),
  };
};

/**
 * Checks or unchecks `id` in a list of ids, keeping the list in `order` (the catalog's order, as residents see
 * it); ids the catalog does not know stay, after the known ones, until they are unchecked.
 */
export const toggleId = (list: readonly string[], id: string, on: boolean, order: readonly string[]): readonly string[] => {
  const next = on ? (list.includes(id) ? list : [...list, id]) : list.filter((x) => x !== id);
  const rank = (x: string) => (order.includes(x) ? order.indexOf(x) : order.length);
  return next.map((x, i) => ({ x, i })).sort((a, b) => rank(a.x) - rank(b.x) || a.i - b.i).map(({ x }) => x);
};

/** `list` with the entry at `index` moved one place up (`-1`) or down (`1`); unchanged at either end. */
export const move = <T>(list: readonly T[], index: number, by: -1 | 1): readonly T[] => {
  const to = index + by;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return list;
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(to, 0, item as T);
  return next;
};

/** `list` without the entry at `index`. */
export const removeAt = <T>(list: readonly T[], index: number): readonly T[] => list.filter((_, i) => i !== index);

/** `list` with the entry at `index` replaced. */
export const replaceAt = <T>(list: readonly T[], index: number, item: T): readonly T[] => list.map((x, i) => (i === index ? item : x));
