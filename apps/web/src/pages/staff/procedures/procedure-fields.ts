import { APPLICANT_FIELDS, type ApplicantField } from "../../../api-types.ts";
import { normaliseRequiredFields, type ProcedureDraft } from "./procedure-draft.ts";
import type { ProcedureMessages } from "./procedures-messages.ts";

/**
 * The editor's input ids — one scheme for the page, its client checks and the server's issues, so that every
 * error links to the input it is about. Questions and options are named by their `uid` (`question-q2-key`), not
 * their place, so an error stays with its question when questions move.
 */
export const inputIds = {
  id: "procedure-id",
  nameJa: "procedure-name-ja",
  nameEn: "procedure-name-en",
  descriptionJa: "procedure-description-ja",
  descriptionEn: "procedure-description-en",
  feePerCopy: "procedure-fee",
  maxCopies: "procedure-max-copies",
  delivery: (methodId: string) => `procedure-delivery-${methodId}`,
  requiresSignature: "procedure-signature",
  enabled: "procedure-enabled",
  /** The radio group's name, and the id of its first radio. */
  paymentTiming: "procedure-payment-timing",
  residentEntry: "procedure-resident-entry",
  office: (id: string) => `procedure-office-${id}`,
  category: (id: string) => `procedure-category-${id}`,
  lifeEvent: (id: string) => `procedure-life-event-${id}`,
  keywords: "procedure-keywords",
  required: (field: ApplicantField) => `procedure-required-${field}`,
  fieldHelp: (field: ApplicantField, lang: "ja" | "en") => `procedure-help-${field}-${lang}`,
  addQuestion: "procedure-add-question",
  /** `range`: the date range's radio group's name, and the id of its first radio. */
  question: (
    uid: string,
    part: "key" | "label-ja" | "label-en" | "kind" | "required" | "help-ja" | "help-en" | "max-length" | "range" | "min" | "max" | "add-option" | "fieldset" | "up" | "down" | "remove",
  ) => `question-${uid}-${part}`,
  option: (questionUid: string, optionUid: string, part: "value" | "label-ja" | "label-en") => `question-${questionUid}-option-${optionUid}-${part}`,
  save: "procedure-save",
} as const;

/** One step of an issue's path: a property or an index. */
export type PathSegment = string | number;

/**
 * `extraFields[0] ("purpose").options[1].value` → `["extraFields", 0, "options", 1, "value"]`: core's paths name
 * array entries by their key in brackets and quotes, which only help people; the index says which one.
 */
export const parseIssuePath = (path: string): readonly PathSegment[] | null => {
  const bare = path.replace(/ \("(?:[^"\\]|\\.)*"\)/g, "").trim();
  if (bare === "" || bare === "(procedure)" || bare === "(file)") return [];
  const segments: PathSegment[] = [];
  for (const part of bare.split(".")) {
    const match = /^([A-Za-z_$][\w$]*)?((?:\[\d+\])*)$/.exec(part);
    if (match === null || (match[1] === undefined && match[2] === "")) return null;
    if (match[1] !== undefined) segments.push(match[1]);
    // `[0][1]` → 0, 1 (split, not matchAll: Chrome 72 and Safari 12 lack it, ADR 30).
    for (const index of (match[2] ?? "").split(/[[\]]+/)) if (index !== "") segments.push(Number(index));
  }
  return segments;
};

/** Where an error belongs: the input to focus, and its name as a person says it. */
export interface FieldRef {
  readonly targetId: string | null;
  readonly label: string;
}

const lang = (segment: PathSegment | undefined): "ja" | "en" => (segment === "en" ? "en" : "ja");

/** The checkbox an id list's entry `index` names (the list's first choice for the list as a whole). */
const listRef = (ids: readonly string[], segment: PathSegment | undefined, firstChoice: string | undefined, idOf: (id: string) => string, label: string): FieldRef => {
  const chosen = typeof segment === "number" ? ids[segment] : undefined;
  const id = chosen ?? firstChoice ?? ids[0];
  return { targetId: id === undefined ? null : idOf(id), label };
};

/** The choices a procedure may refer to, in the catalog's order (the editor's checkboxes). */
export interface EditorChoices {
  readonly deliveryMethodIds: readonly string[];
  readonly officeIds: readonly string[];
  readonly categoryIds: readonly string[];
  readonly lifeEventIds: readonly string[];
}

/**
 * The input a path within the procedure names, and how to say it — for the server's issues and for the client's
 * checks alike. The draft is the one that was sent: indexes of questions and options are the draft's, one for one
 * (see `toDefinition`). `null` when the path names nothing the editor shows.
 */
export const fieldRef = (path: readonly PathSegment[], draft: ProcedureDraft, choices: EditorChoices, m: ProcedureMessages): FieldRef | null => {
  const [head, second, third, fourth, fifth, sixth] = path;
  const f = m.fields;
  switch (head) {
    case "id":
      return { targetId: inputIds.id, label: f.id };
    case "name":
      return lang(second) === "en" ? { targetId: inputIds.nameEn, label: f.nameEn } : { targetId: inputIds.nameJa, label: f.nameJa };
    case "description":
      return lang(second) === "en" ? { targetId: inputIds.descriptionEn, label: f.descriptionEn } : { targetId: inputIds.descriptionJa, label: f.descriptionJa };
    case "feePerCopy":
      return { targetId: inputIds.feePerCopy, label: f.feePerCopy };
    case "maxCopies":
      return { targetId: inputIds.maxCopies, label: f.maxCopies };
    case "deliveryMethodIds":
      return listRef(draft.deliveryMethodIds, second, choices.deliveryMethodIds[0], inputIds.delivery, f.deliveryMethods);
    case "officeIds":
      return listRef(draft.officeIds, second, choices.officeIds[0], inputIds.office, f.offices);
    case "categoryIds":
      return listRef(draft.categoryIds, second, choices.categoryIds[0], inputIds.category, f.categories);
    case "lifeEventIds":
      return listRef(draft.lifeEventIds, second, choices.lifeEventIds[0], inputIds.lifeEvent, f.lifeEvents);
    case "requiresSignature":
      return { targetId: inputIds.requiresSignature, label: f.requiresSignature };
    case "enabled":
      return { targetId: inputIds.enabled, label: f.enabled };
    case "paymentTiming":
      return { targetId: inputIds.paymentTiming, label: f.paymentTiming };
    case "residentEntry":
      return { targetId: inputIds.residentEntry, label: f.residentEntry };
    case "keywords":
      return { targetId: inputIds.keywords, label: f.keywords };
    case "requiredFields": {
      const sent = normaliseRequiredFields(draft.requiredFields);
      const field = typeof second === "number" ? sent[second] : undefined;
      return { targetId: inputIds.required(field ?? APPLICANT_FIELDS[0] ?? "name"), label: f.requiredFields };
    }
    case "fieldHelp": {
      const field = APPLICANT_FIELDS.find((a) => a === second);
      if (field === undefined) return { targetId: inputIds.fieldHelp(APPLICANT_FIELDS[0] ?? "name", "ja"), label: f.fieldHelp };
      const name = m.applicantFields[field];
      return lang(third) === "en"
        ? { targetId: inputIds.fieldHelp(field, "en"), label: m.fieldHelpEn(name) }
        : { targetId: inputIds.fieldHelp(field, "ja"), label: m.fieldHelpJa(name) };
    }
    case "extraFields":
      return questionRef(draft, second, third, fourth, fifth, sixth, m);
    default:
      return null;
  }
};

const questionRef = (
  draft: ProcedureDraft,
  index: PathSegment | undefined,
  part: PathSegment | undefined,
  sub: PathSegment | undefined,
  subPart: PathSegment | undefined,
  subLang: PathSegment | undefined,
  m: ProcedureMessages,
): FieldRef => {
  const q = m.q;
  if (typeof index !== "number") return { targetId: inputIds.addQuestion, label: m.sections.questions };
  const question = draft.questions[index];
  const name = m.question(index + 1);
  if (question === undefined) return { targetId: inputIds.addQuestion, label: name };
  const at = (part: Parameters<typeof inputIds.question>[1], label: string): FieldRef => ({ targetId: inputIds.question(question.uid, part), label: m.within(name, label) });
  switch (part) {
    case "key":
      return at("key", q.key);
    case "label":
      return lang(sub) === "en" ? at("label-en", q.labelEn) : at("label-ja", q.labelJa);
    case "help":
      return lang(sub) === "en" ? at("help-en", q.helpEn) : at("help-ja", q.helpJa);
    case "kind":
      return at("kind", q.kind);
    case "required":
      return at("required", q.required);
    case "maxLength":
      return at("max-length", q.maxLength);
    case "range":
      return at("range", q.range);
    case "min":
      return at("min", q.min);
    case "max":
      return at("max", q.max);
    case "options": {
      const option = typeof sub === "number" ? question.options[sub] : undefined;
      if (option === undefined || typeof sub !== "number") return at("add-option", q.options);
      const optionName = m.within(name, m.option(sub + 1));
      if (subPart === "label") {
        return lang(subLang) === "en"
          ? { targetId: inputIds.option(question.uid, option.uid, "label-en"), label: m.within(optionName, q.optionLabelEn) }
          : { targetId: inputIds.option(question.uid, option.uid, "label-ja"), label: m.within(optionName, q.optionLabelJa) };
      }
      return { targetId: inputIds.option(question.uid, option.uid, "value"), label: m.within(optionName, q.value) };
    }
    default:
      // The question as a whole (a wrong kind, an unknown key): its first input.
      return { targetId: inputIds.question(question.uid, question.saved ? "label-ja" : "key"), label: name };
  }
};
