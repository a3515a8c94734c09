import type { Localized } from "../shared/localized.ts";
import type { OcrReviewReason, PageRegion } from "./ocr-engine.port.ts";

/** The kinds of 住民異動届 the counter fills (C1, C3–C5). */
export const NOTIFICATION_KINDS = ["tennyu", "tenkyo", "tenshutsu", "setainushi-henko"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_KIND_LABELS: Readonly<Record<NotificationKind, Localized>> = {
  tennyu: { ja: "転入", en: "Moving in" },
  tenkyo: { ja: "転居", en: "Moving within the municipality" },
  tenshutsu: { ja: "転出", en: "Moving out" },
  "setainushi-henko": { ja: "世帯主変更", en: "Change of head of household" },
};

/** The single values of a 住民異動届. */
export const NOTIFICATION_FIELD_KEYS = ["move.date", "address.new", "head.new", "address.previous", "head.previous", "domicile.address", "domicile.head"] as const;
export type NotificationFieldKey = (typeof NOTIFICATION_FIELD_KEYS)[number];

/** The values of each person the notification is for. */
export const PERSON_FIELD_KEYS = ["name", "kana", "birthDate", "sex", "relationship", "residentCode", "nationality"] as const;
export type PersonFieldKey = (typeof PERSON_FIELD_KEYS)[number];

/** A form holds at most this many persons (the paper form's rows; a larger household takes two forms). */
export const MAX_NOTIFICATION_PERSONS = 8;

export const NOTIFICATION_FIELD_LABELS: Readonly<Record<NotificationFieldKey, Localized>> = {
  "move.date": { ja: "異動日", en: "Date of the move" },
  "address.new": { ja: "新しい住所", en: "New address" },
  "head.new": { ja: "新しい世帯主", en: "New head of household" },
  "address.previous": { ja: "前の住所", en: "Previous address" },
  "head.previous": { ja: "前の世帯主", en: "Previous head of household" },
  "domicile.address": { ja: "本籍", en: "Registered domicile" },
  "domicile.head": { ja: "筆頭者", en: "Head of the family register" },
};

export const PERSON_FIELD_LABELS: Readonly<Record<PersonFieldKey, Localized>> = {
  name: { ja: "氏名", en: "Name" },
  kana: { ja: "ふりがな", en: "Name in kana" },
  birthDate: { ja: "生年月日", en: "Date of birth" },
  sex: { ja: "性別", en: "Sex" },
  relationship: { ja: "続柄", en: "Relationship" },
  residentCode: { ja: "住民票コード", en: "Resident record code" },
  nationality: { ja: "国籍・地域", en: "Nationality or region" },
};

/**
 * Why a pre-filled value needs a look. The OCR engine's reasons, plus the counter's own: a value that the
 * document does not state as such, only suggests.
 * - `taken_from_destination`: the new address is the 転出先 the resident gave the old municipality; people often
 *   move somewhere else in the end.
 * - `taken_from_planned_date`: the date of the move is the 転出予定日, not the day they actually moved.
 * - `assumed_same_head`: the new head of household is assumed to be the old one.
 * - `taken_from_card_address`: a card's address is where the holder lived when it was last updated.
 */
export type DraftReason = OcrReviewReason | "taken_from_destination" | "taken_from_planned_date" | "assumed_same_head" | "taken_from_card_address";

export const DRAFT_REASON_LABELS: Readonly<Record<Exclude<DraftReason, OcrReviewReason>, Localized>> = {
  taken_from_destination: { ja: "転出先の住所を仮に入れました。実際の新住所か確認してください", en: "The destination given when moving out; check it is the actual new address" },
  taken_from_planned_date: { ja: "転出予定日を仮に入れました。実際に住み始めた日か確認してください", en: "The planned moving date; check the day the resident actually moved" },
  assumed_same_head: { ja: "前の世帯主を仮に入れました。世帯の構成を確認してください", en: "Assumed to be the previous head of household; check the household" },
  taken_from_card_address: { ja: "カードに記載の住所です。現在の住所か確認してください", en: "The address on the card; check it is the current one" },
};

/**
 * Where a pre-filled value came from: a scanned document (which one, where on the page), the municipality's
 * resident records (C5: the line of the exported file it is on) or staff.
 */
export type DraftSource =
  | { readonly by: "scan"; readonly templateId: string; readonly scanIndex: number; readonly region: PageRegion | null; readonly raw: string }
  | { readonly by: "records"; readonly line: number }
  | { readonly by: "staff" };

/** One value of the draft. A value with reasons must be confirmed by staff before the form is printed. */
export interface DraftValue {
  readonly value: string;
  readonly source: DraftSource;
  readonly reasons: readonly DraftReason[];
  /** Staff looked at it against the document (or typed it themselves). */
  readonly confirmed: boolean;
}

export type DraftPerson = Readonly<Partial<Record<PersonFieldKey, DraftValue>>>;

/**
 * A 住民異動届 being filled at the counter: what the scans gave and what staff typed or confirmed. It lives
 * on the counter screen until it is printed; the printed form carries only the values.
 */
export interface ResidenceNotificationDraft {
  readonly kind: NotificationKind;
  readonly fields: Readonly<Partial<Record<NotificationFieldKey, DraftValue>>>;
  readonly persons: readonly DraftPerson[];
  /** The documents read into it, in order (`DraftSource.scanIndex` points here). */
  readonly scans: readonly DraftScan[];
  /** When its first scan was read (the server's clock, ISO 8601): the start of the handling time in reports (C13). */
  readonly startedAt?: string;
  /**
   * C6 窓口メモ: staff's note on the visit (what was checked, what is left to do). Kept with the record, never
   * printed on the form. Absent or "" when none.
   */
  readonly memo?: string;
}

/**
 * A document read into the draft. `reasons` are the document's own flags that no single value carries (a
 * cross-field check): staff acknowledge them once for the document.
 */
export interface DraftScan {
  readonly templateId: string;
  readonly kind: string;
  readonly reasons: readonly OcrReviewReason[];
  /** Persons on the document beyond the form's rows: they need a second form. */
  readonly personsLeftOut: number;
  readonly acknowledged: boolean;
}

/** Longest counter memo, in characters (code points). */
export const MAX_COUNTER_MEMO_LENGTH = 1000;

export const emptyNotificationDraft = (kind: NotificationKind): ResidenceNotificationDraft => ({ kind, fields: {}, persons: [], scans: [] });

/** Where a value is in a draft: a single field, or a person's field. */
export type DraftPath = { readonly field: NotificationFieldKey } | { readonly person: number; readonly field: PersonFieldKey };

/** A value the draft has at `path`, or undefined. */
export const draftValueAt = (draft: ResidenceNotificationDraft, path: DraftPath): DraftValue | undefined =>
  "person" in path ? draft.persons[path.person]?.[path.field] : draft.fields[path.field];

const withValueAt = (draft: ResidenceNotificationDraft, path: DraftPath, value: DraftValue | undefined): ResidenceNotificationDraft => {
  if ("person" in path) {
    const persons = draft.persons.map((p, i) => (i === path.person ? setOrDelete(p, path.field, value) : p));
    return { ...draft, persons };
  }
  return { ...draft, fields: setOrDelete(draft.fields, path.field, value) };
};

const setOrDelete = <K extends string>(record: Readonly<Partial<Record<K, DraftValue>>>, key: K, value: DraftValue | undefined): Readonly<Partial<Record<K, DraftValue>>> => {
  const copy: Partial<Record<K, DraftValue>> = { ...record };
  if (value === undefined) delete copy[key];
  else copy[key] = value;
  return copy;
};

/**
 * A text as a form field holds it: one line. Control characters (a pasted line break, a tab) become spaces —
 * the printer refuses them, and a form field has no second line to put them on.
 */
export const oneLineText = (text: string): string => text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").trim();

/** Staff typed a value: theirs, so confirmed and without reasons. An empty text clears the value. */
export const typeDraftValue = (draft: ResidenceNotificationDraft, path: DraftPath, text: string): ResidenceNotificationDraft => {
  const value = oneLineText(text);
  return withValueAt(draft, path, value === "" ? undefined : { value, source: { by: "staff" }, reasons: [], confirmed: true });
};

/** Staff compared a pre-filled value with the document and accept it as it is. */
export const confirmDraftValue = (draft: ResidenceNotificationDraft, path: DraftPath): ResidenceNotificationDraft => {
  const current = draftValueAt(draft, path);
  return current === undefined ? draft : withValueAt(draft, path, { ...current, confirmed: true });
};

/** Staff looked at the document-level flags of a scanned document. */
export const acknowledgeDraftScan = (draft: ResidenceNotificationDraft, index: number): ResidenceNotificationDraft => ({
  ...draft,
  scans: draft.scans.map((s, i) => (i === index ? { ...s, acknowledged: true } : s)),
});

/** Adds an empty person row (a household member not on the scanned document), up to the form's rows. */
export const addDraftPerson = (draft: ResidenceNotificationDraft): ResidenceNotificationDraft =>
  draft.persons.length >= MAX_NOTIFICATION_PERSONS ? draft : { ...draft, persons: [...draft.persons, {}] };

/** Removes a person (one who does not move with the household). */
export const removeDraftPerson = (draft: ResidenceNotificationDraft, index: number): ResidenceNotificationDraft => ({
  ...draft,
  persons: draft.persons.filter((_, i) => i !== index),
});

/** Every value that still waits for a person's look: it has reasons and nobody confirmed it. */
export const unconfirmedPaths = (draft: ResidenceNotificationDraft): readonly DraftPath[] => [
  ...NOTIFICATION_FIELD_KEYS.filter((field) => needsConfirmation(draft.fields[field])).map((field): DraftPath => ({ field })),
  ...draft.persons.flatMap((p, person) => PERSON_FIELD_KEYS.filter((field) => needsConfirmation(p[field])).map((field): DraftPath => ({ person, field }))),
];

const needsConfirmation = (v: DraftValue | undefined): boolean => v !== undefined && v.reasons.length > 0 && !v.confirmed;
