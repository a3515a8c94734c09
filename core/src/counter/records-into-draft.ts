import { err, ok, type Result } from "neverthrow";
import { mergePersons } from "./read-into-draft.ts";
import type { DraftPerson, DraftReason, DraftValue, NotificationFieldKey, NotificationKind, PersonFieldKey, ResidenceNotificationDraft } from "./residence-notification.ts";
import type { ResidentRecordHousehold, ResidentRecordPerson } from "./resident-records.ts";

/** What the records give each kind: the household as it is before the notification. */
const RECORD_FIELDS: Readonly<Record<Exclude<NotificationKind, "tennyu">, readonly { readonly from: keyof HouseholdValues; readonly to: NotificationFieldKey; readonly reasons?: readonly DraftReason[] }[]>> = {
  tenkyo: [
    { from: "address", to: "address.previous" },
    { from: "head", to: "head.previous" },
    { from: "head", to: "head.new", reasons: ["assumed_same_head"] },
    { from: "domicileAddress", to: "domicile.address" },
    { from: "domicileHead", to: "domicile.head" },
  ],
  tenshutsu: [
    { from: "address", to: "address.previous" },
    { from: "head", to: "head.previous" },
    { from: "domicileAddress", to: "domicile.address" },
    { from: "domicileHead", to: "domicile.head" },
  ],
  // The household stays where it is: its address is no previous one. The new head is what the notification is about.
  "setainushi-henko": [
    { from: "head", to: "head.previous" },
    { from: "domicileAddress", to: "domicile.address" },
    { from: "domicileHead", to: "domicile.head" },
  ],
};

type HouseholdValues = Pick<ResidentRecordHousehold, "address" | "head" | "domicileAddress" | "domicileHead">;

/** Why records cannot go into this draft. */
export type RecordsIntoDraftError = "records.not_for_moving_in";

/**
 * C5: fills a 転居, 転出 or 世帯主変更 draft from the resident records of the household. The records are the
 * municipality's own: their values need no second look (confirmed, no reasons), except what they only suggest
 * (the new head of a 転居 is assumed to be the present one). Like a second scan, they fill only gaps: a value the
 * draft has (scanned, typed) is kept, a person already on it (same name) is completed. A 転入's residents are
 * not in this municipality's records yet: refused.
 */
export const residentRecordsIntoDraft = (
  draft: ResidenceNotificationDraft,
  household: ResidentRecordHousehold,
): Result<{ readonly draft: ResidenceNotificationDraft; readonly personsLeftOut: number }, RecordsIntoDraftError> => {
  if (draft.kind === "tennyu") return err("records.not_for_moving_in");
  const line = household.persons[0]?.line ?? 2;
  const fields = { ...draft.fields };
  for (const m of RECORD_FIELDS[draft.kind]) {
    const value = household[m.from];
    if (value === null || fields[m.to] !== undefined) continue;
    fields[m.to] = recordValue(value, line, m.reasons);
  }
  const { persons, leftOut } = mergePersons(draft.persons, household.persons.map(personOf));
  return ok({ draft: { ...draft, fields, persons }, personsLeftOut: leftOut });
};

const recordValue = (value: string, line: number, reasons: readonly DraftReason[] = []): DraftValue => ({
  value,
  source: { by: "records", line },
  reasons,
  confirmed: reasons.length === 0,
});

const personOf = (p: ResidentRecordPerson): DraftPerson => {
  const values: Partial<Record<PersonFieldKey, string | null>> = {
    name: p.name,
    kana: p.kana,
    birthDate: p.birthDate,
    sex: p.sex,
    relationship: p.relationship,
    residentCode: p.residentCode,
  };
  return Object.fromEntries(
    Object.entries(values).flatMap(([key, value]) => (value === null || value === undefined ? [] : [[key, recordValue(value, p.line)]])),
  ) as DraftPerson;
};
