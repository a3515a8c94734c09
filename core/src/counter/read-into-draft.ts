import type { CounterDocumentKind, OcrReviewReason, ReadDocument, ReadField } from "./ocr-engine.port.ts";
import {
  MAX_NOTIFICATION_PERSONS,
  oneLineText,
  type DraftPerson,
  type DraftReason,
  type DraftValue,
  type NotificationFieldKey,
  type NotificationKind,
  type PersonFieldKey,
  type ResidenceNotificationDraft,
} from "./residence-notification.ts";

/** Which 住民異動届 a document is brought for: a certificate of moving out → 転入, a card alone → 転居. */
export const NOTIFICATION_KIND_OF_DOCUMENT: Readonly<Record<CounterDocumentKind, NotificationKind>> = {
  "tenshutsu-shomeisho": "tennyu",
  "tenshutsu-kakunin": "tennyu",
  "zairyu-card": "tennyu",
  "tokubetsu-eijusha": "tennyu",
  "koseki-zenbu": "tennyu",
  "koseki-fuhyo": "tennyu",
  "unten-menkyo": "tenkyo",
  "mynumber-card": "tenkyo",
};

/** One value of a document that goes into a field of the form, with what it only suggests. */
interface FieldMapping {
  readonly from: string;
  readonly to: NotificationFieldKey;
  readonly reasons?: readonly DraftReason[];
}

/** How a kind of document maps onto the form: its single values, and where its persons are. */
interface DocumentMapping {
  readonly fields: readonly FieldMapping[];
  /** A repeat group of persons (`members[].name` …), or the document's one person (`person.name` …). */
  readonly persons: { readonly group: string; readonly keys: Readonly<Partial<Record<PersonFieldKey, string>>> } | { readonly single: Readonly<Partial<Record<PersonFieldKey, string>>> } | null;
}

const MOVING_OUT_CERTIFICATE: DocumentMapping = {
  fields: [
    { from: "household.address", to: "address.previous" },
    { from: "household.head", to: "head.previous" },
    { from: "household.head", to: "head.new", reasons: ["assumed_same_head"] },
    { from: "move.destination", to: "address.new", reasons: ["taken_from_destination"] },
    { from: "move.plannedDate", to: "move.date", reasons: ["taken_from_planned_date"] },
    { from: "domicile.address", to: "domicile.address" },
    { from: "domicile.head", to: "domicile.head" },
  ],
  persons: {
    group: "members",
    keys: { name: "members[].name", kana: "members[].kana", birthDate: "members[].birthDate", sex: "members[].sex", relationship: "members[].relationship", residentCode: "members[].residentCode" },
  },
};

/** A card states where its holder lived when it was last updated: the address before this move. */
const cardMapping = (keys: Readonly<Partial<Record<PersonFieldKey, string>>>): DocumentMapping => ({
  fields: [{ from: "person.address", to: "address.previous", reasons: ["taken_from_card_address"] }],
  persons: { single: keys },
});

const FAMILY_REGISTER: DocumentMapping = {
  fields: [
    { from: "koseki.domicile", to: "domicile.address" },
    { from: "koseki.head", to: "domicile.head" },
  ],
  persons: null,
};

/**
 * The mapping of each kind of document onto the 住民異動届, by the templates' stable field keys (the same for
 * every municipality's layout of a kind). A 戸籍's persons are not the household (the 続柄 there is 長男, not
 * 子), so only its 本籍 and 筆頭者 are taken; its persons are typed or come from a card.
 */
export const DOCUMENT_MAPPINGS: Readonly<Record<CounterDocumentKind, DocumentMapping>> = {
  "tenshutsu-shomeisho": MOVING_OUT_CERTIFICATE,
  "tenshutsu-kakunin": MOVING_OUT_CERTIFICATE,
  "zairyu-card": cardMapping({ name: "person.name", birthDate: "person.birthDate", sex: "person.sex", nationality: "person.nationality" }),
  "tokubetsu-eijusha": cardMapping({ name: "person.name", birthDate: "person.birthDate", sex: "person.sex", nationality: "person.nationality" }),
  "unten-menkyo": cardMapping({ name: "person.name", birthDate: "person.birthDate" }),
  "mynumber-card": cardMapping({ name: "person.name", birthDate: "person.birthDate", sex: "person.sex" }),
  "koseki-zenbu": FAMILY_REGISTER,
  "koseki-fuhyo": FAMILY_REGISTER,
};

/**
 * Reads a scanned document into the draft. A value the draft already has (from an earlier scan, or typed by
 * staff) is kept: a second document only fills gaps. Persons: a draft without persons takes the document's;
 * otherwise each of the document's persons fills the gaps of the person with the same name, or is added.
 * Nothing flagged is lost on the way: every value keeps its reasons, an unreadable one becomes an empty value
 * flagged `unreadable`, and the document's own flags wait on the scan for staff to acknowledge.
 */
export const readIntoDraft = (draft: ResidenceNotificationDraft, doc: ReadDocument): ResidenceNotificationDraft => {
  const scanIndex = draft.scans.length;
  const mapping = DOCUMENT_MAPPINGS[doc.kind];
  const single = new Map(doc.fields.map((f) => [f.key, f]));
  const toValue = (f: ReadField, extra: readonly DraftReason[] = []): DraftValue => draftValueOf(f, doc.templateId, scanIndex, extra);

  const fields = { ...draft.fields };
  for (const m of mapping.fields) {
    const read = single.get(m.from);
    if (read === undefined || fields[m.to] !== undefined) continue;
    fields[m.to] = toValue(read, m.reasons);
  }

  const { persons, leftOut } = mergePersons(draft.persons, personsOf(doc, mapping, single, toValue));
  const carried = new Set<OcrReviewReason>([...doc.fields, ...Object.values(doc.groups).flat(2)].flatMap((f) => f.reasons));
  const documentOnly = doc.reasons.filter((r) => !carried.has(r));
  return {
    ...draft,
    fields,
    persons,
    scans: [...draft.scans, { templateId: doc.templateId, kind: doc.kind, reasons: documentOnly, personsLeftOut: leftOut, acknowledged: documentOnly.length === 0 && leftOut === 0 }],
  };
};

const draftValueOf = (f: ReadField, templateId: string, scanIndex: number, extra: readonly DraftReason[]): DraftValue => {
  const value = oneLineText(f.value ?? f.raw);
  const unreadable: readonly DraftReason[] = value === "" && !f.reasons.includes("unreadable") ? ["unreadable"] : [];
  return {
    value,
    source: { by: "scan", templateId, scanIndex, region: f.region, raw: f.raw },
    reasons: [...new Set<DraftReason>([...f.reasons, ...unreadable, ...extra])],
    confirmed: false,
  };
};

const personsOf = (doc: ReadDocument, mapping: DocumentMapping, single: ReadonlyMap<string, ReadField>, toValue: (f: ReadField) => DraftValue): DraftPerson[] => {
  const spec = mapping.persons;
  if (spec === null) return [];
  if ("single" in spec) {
    const person = pick(spec.single, (key) => single.get(key));
    return Object.keys(person).length === 0 ? [] : [person];
  }
  return (doc.groups[spec.group] ?? []).map((row) => {
    const byKey = new Map(row.map((f) => [f.key, f]));
    return pick(spec.keys, (key) => byKey.get(key));
  });

  function pick(keys: Readonly<Partial<Record<PersonFieldKey, string>>>, find: (key: string) => ReadField | undefined): DraftPerson {
    const person: Partial<Record<PersonFieldKey, DraftValue>> = {};
    for (const [to, from] of Object.entries(keys) as [PersonFieldKey, string][]) {
      const read = find(from);
      if (read !== undefined) person[to] = toValue(read);
    }
    return person;
  }
};

const nameKey = (p: DraftPerson): string | null => {
  const name = p.name?.value.replace(/[\s\u3000]/g, "");
  return name === undefined || name === "" ? null : name;
};

/**
 * Puts persons into the draft: each fills the gaps of the person with the same name (spaces aside), or is
 * added while the form has rows; the rest are counted as left out (they need a second form).
 */
export const mergePersons = (current: readonly DraftPerson[], read: readonly DraftPerson[]): { readonly persons: readonly DraftPerson[]; readonly leftOut: number } => {
  const persons = [...current];
  let leftOut = 0;
  for (const person of read) {
    const at = nameKey(person) === null ? -1 : persons.findIndex((p) => nameKey(p) === nameKey(person));
    if (at >= 0) persons[at] = { ...person, ...persons[at] };
    else if (persons.length < MAX_NOTIFICATION_PERSONS) persons.push(person);
    else leftOut += 1;
  }
  return { persons, leftOut };
};
