import type { Region } from "../templates/template.ts";

/**
 * Why a value needs a person's confirmation. A closed list, so that a counter UI can show a Japanese and
 * an English explanation for every reason (an exhaustive `switch` breaks the build when one is added).
 *
 * - `name_always_confirmed`: names are always confirmed (wrong kanji come back with 99 % confidence).
 * - `low_confidence`: the recogniser's confidence is below the field's `review.minConfidence`.
 * - `always_review`: the template asks for every value of this field to be confirmed.
 * - `pattern_mismatch`: the normalised value does not match the field's pattern or type grammar.
 * - `check_digit_failed`: a check digit (個人番号 …) does not verify.
 * - `invalid_date`: no such date (2月30日, 平成31年5月1日, a 明治 date before the Gregorian calendar).
 * - `date_out_of_range`: outside the template's `minDate`..`maxDate`.
 * - `date_in_future`: a date of birth after the `today` given to the cross-field checks.
 * - `not_kana`: a kana field contains something other than kana.
 * - `unknown_enum_value`: no allowed value is close enough, or two are equally close.
 * - `enum_corrected`: the text was not an allowed value; the single closest one was taken.
 * - `required_missing`: a required field is empty.
 * - `head_not_a_member`: the 世帯主 is none of the listed members.
 * - `relationship_inconsistent`: the members' 続柄 contradict each other or the 世帯主.
 * - `age_implausible`: members' dates of birth contradict their 続柄 (a 子 older than the parent 世帯主 …).
 * - `unreadable`: nothing usable was recognised although text was expected.
 * - `weak_character`: one recognised character is much less certain than the field's mean confidence shows, or
 *   the recogniser gave two alternatives for one glyph (みほぼん) and no other reading told which.
 * - `readings_disagree`: a second reading of the crop (another scale) gives another value.
 * - `text_repaired`: the text only fits its type once a character that cannot be there is restored (a date
 *   whose last character is not 日); the value is shown, a person confirms it.
 * - `place_name_corrected`: the 都道府県, 市区町村 or 町域 an address starts with was corrected to the
 *   deployment's place-name dictionary (さんぶる県 → さんぷる県); a person confirms it.
 * - `place_name_unknown`: the deployment's place-name dictionary has no municipality (or, where it lists towns,
 *   no town) the address starts with.
 * - `label_anchored_fallback`: read from an unknown layout by its labels, not by a template.
 */
export type ReviewReason =
  | "name_always_confirmed"
  | "low_confidence"
  | "always_review"
  | "pattern_mismatch"
  | "check_digit_failed"
  | "invalid_date"
  | "date_out_of_range"
  | "date_in_future"
  | "not_kana"
  | "spacing_uncertain" // a furigana read with more than one gap: the recogniser splits words, so where family and given name part is unknown
  | "unknown_enum_value"
  | "enum_corrected"
  | "required_missing"
  | "head_not_a_member"
  | "relationship_inconsistent"
  | "age_implausible"
  | "unreadable"
  | "weak_character"
  | "readings_disagree"
  | "text_repaired"
  | "place_name_corrected"
  | "place_name_unknown"
  | "label_anchored_fallback"
  | "text_too_small"; // an address whose text is so few pixels high in the scan that about half such are misread

/** Every review reason, in declaration order (for UIs and exhaustiveness tests). */
export const REVIEW_REASONS: readonly ReviewReason[] = [
  "name_always_confirmed",
  "low_confidence",
  "always_review",
  "pattern_mismatch",
  "check_digit_failed",
  "invalid_date",
  "date_out_of_range",
  "date_in_future",
  "not_kana",
  "spacing_uncertain",
  "unknown_enum_value",
  "enum_corrected",
  "required_missing",
  "head_not_a_member",
  "relationship_inconsistent",
  "age_implausible",
  "unreadable",
  "weak_character",
  "readings_disagree",
  "text_repaired",
  "place_name_corrected",
  "place_name_unknown",
  "label_anchored_fallback",
  "text_too_small",
];

/** One field as read: the normalised value, what the recogniser saw, and whether a person must look. */
export interface FieldResult {
  /** The template field's key (e.g. `member.name`, `household.head`). */
  readonly key: string;
  /** Normalised value (ISO date, canonical address …), or null when nothing trustworthy could be derived. */
  readonly value: string | null;
  /** The recogniser's text, untouched, for display beside the crop. */
  readonly raw: string;
  /** Recogniser confidence, 0..100. */
  readonly confidence: number;
  /** Where the crop is on the page (normalised), so a UI can show it. */
  readonly region: Region;
  /** True exactly when `reasons` is non-empty. */
  readonly needsReview: boolean;
  /** Why the value needs review, without duplicates. */
  readonly reasons: readonly ReviewReason[];
}

/** A whole document as read: single fields, repeated rows by group key, and the union of all flags. */
export interface DocumentResult {
  readonly templateId: string;
  readonly fields: readonly FieldResult[];
  /** Repeated rows (e.g. `members`): one array of fields per row, in page order. */
  readonly groups: { readonly [groupKey: string]: readonly (readonly FieldResult[])[] };
  /** True exactly when any field or document-level check needs review. */
  readonly needsReview: boolean;
  /** Document-level reasons: every field's reasons plus those of cross-field checks, without duplicates. */
  readonly reasons: readonly ReviewReason[];
}

/** Adds reasons to a field result (deduplicated, order kept); `needsReview` follows. */
export const withReasons = (field: FieldResult, ...reasons: readonly ReviewReason[]): FieldResult => {
  const merged = mergeReasons(field.reasons, reasons);
  return { ...field, reasons: merged, needsReview: merged.length > 0 };
};

/** Union of reason lists, first occurrence order, without duplicates. */
export const mergeReasons = (...lists: readonly (readonly ReviewReason[])[]): readonly ReviewReason[] => [
  ...new Set(lists.flat()),
];

/**
 * Builds a document result whose `reasons` and `needsReview` are derived from its fields and groups
 * plus any document-level reasons, so that no field flag can be lost on the way up.
 */
export const makeDocumentResult = (input: {
  readonly templateId: string;
  readonly fields: readonly FieldResult[];
  readonly groups: { readonly [groupKey: string]: readonly (readonly FieldResult[])[] };
  readonly reasons?: readonly ReviewReason[];
}): DocumentResult => {
  const fromFields = input.fields.flatMap((f) => f.reasons);
  const fromGroups = Object.values(input.groups).flatMap((rows) => rows.flatMap((row) => row.flatMap((f) => f.reasons)));
  const reasons = mergeReasons(fromFields, fromGroups, input.reasons ?? []);
  return { templateId: input.templateId, fields: input.fields, groups: input.groups, reasons, needsReview: reasons.length > 0 };
};
