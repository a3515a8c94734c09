import { addCalendarMonths } from "../retention/application-retention.ts";
import { japanCalendarDate } from "../shared/japan-calendar-date.ts";
import type { IsoDate } from "../shared/japanese/iso-date.ts";
import { parseJapaneseDate } from "../shared/japanese/japanese-date.ts";
import { normalizeKanaReading } from "../shared/japanese/kana.ts";
import { toHalfWidthAscii } from "../shared/japanese/width.ts";
import type { NotificationKind, ResidenceNotificationDraft } from "./residence-notification.ts";

/**
 * What is kept of a counter visit (C8): the printed form and the papers scanned for it, as PDF, until
 * `keepUntil`. The summary is personal data (encrypted at rest by the store, like everything of the record but
 * its ids, kind and dates), kept for the search (C9) and the list.
 */
export interface CounterRecord {
  readonly id: string;
  /** Printed on the form: how staff find the record from the paper. */
  readonly confirmationNumber: string;
  readonly kind: NotificationKind;
  readonly createdAt: Date;
  /** The staff member who printed the form. */
  readonly createdBy: string;
  /** Deleted after this day (Japan's calendar). */
  readonly keepUntil: IsoDate;
  readonly summary: CounterRecordSummary;
  /** The documents kept, oldest first: the printed form first, then the scans attached to it. */
  readonly documents: readonly CounterDocumentInfo[];
}

/** The persons and addresses of the form: what a clerk searches and recognises a record by. */
export interface CounterRecordSummary {
  readonly persons: readonly { readonly name: string; readonly kana: string; readonly birthDate: string }[];
  readonly newAddress: string;
  readonly previousAddress: string;
  /** C6 窓口メモ: the clerk's note on the visit ("" when none); kept and shown with the record, not printed. */
  readonly memo: string;
}

/** One kept document; its PDF is read separately (it is large). */
export interface CounterDocumentInfo {
  readonly id: string;
  /** `form`: the printed 住民異動届; `scan`: a paper scanned at the counter (転出証明書, 委任状 …). */
  readonly kind: "form" | "scan";
  /** What it is, as staff named it or the form's name (no personal data: "転出証明書", "委任状"). */
  readonly title: string;
  readonly addedAt: Date;
  readonly addedBy: string;
  readonly byteLength: number;
}

/** The retention of counter records a deployment may set (C8: 3 to 5 years; more for a municipality's own rule). */
export const MIN_COUNTER_RETENTION_YEARS = 3;
export const MAX_COUNTER_RETENTION_YEARS = 10;

/**
 * The last day a record made at `createdAt` is kept: the same date `years` later in Japan's calendar (29 February
 * → 28 February), the record deleted the day after.
 */
export const counterRecordKeepUntil = (createdAt: Date, years: number): IsoDate =>
  addCalendarMonths(new Date(`${japanCalendarDate(createdAt)}T00:00:00Z`), years * 12).toISOString().slice(0, 10);

/** A date as the draft holds it (ISO from the OCR, 和暦 or S55.4.1 as staff typed it) as ISO, for the search. */
const isoDate = (text: string): string => {
  const iso = parseJapaneseDate(text);
  return iso.isOk() ? iso.value : text;
};

/** The summary of a draft, as printed; birth dates in ISO whatever way they were written. */
export const counterRecordSummary = (draft: ResidenceNotificationDraft): CounterRecordSummary => ({
  persons: draft.persons.map((p) => ({ name: p.name?.value ?? "", kana: p.kana?.value ?? "", birthDate: isoDate(p.birthDate?.value ?? "") })),
  newAddress: draft.fields["address.new"]?.value ?? "",
  previousAddress: draft.fields["address.previous"]?.value ?? "",
  memo: draft.memo?.trim() ?? "",
});

/** What a clerk looks a record up by (C9). Every given part must match. */
export interface CounterRecordSearch {
  /** Part of a person's name or kana; spaces, width and hiragana/katakana do not matter. */
  readonly name?: string;
  /** A person's date of birth (ISO). */
  readonly birthDate?: IsoDate;
  readonly confirmationNumber?: string;
  /** Part of the new or previous address, or of the 窓口メモ (C6: 「委任状あり」, a building's name), compared as `name` is. */
  readonly keyword?: string;
}

/** A text as searched: no spaces, ASCII half-width, kana as katakana (見本 太郎 = 見本太郎, みほん = ミホン). */
const searchable = (s: string): string => normalizeKanaReading(toHalfWidthAscii(s)).replace(/[\s\u3000]+/g, "").toLowerCase();

export const matchesCounterSearch = (record: CounterRecord, search: CounterRecordSearch): boolean => {
  if (search.confirmationNumber !== undefined && searchable(record.confirmationNumber) !== searchable(search.confirmationNumber)) return false;
  if (search.birthDate !== undefined && !record.summary.persons.some((p) => p.birthDate === search.birthDate)) return false;
  if (search.name !== undefined) {
    const wanted = searchable(search.name);
    if (wanted !== "" && !record.summary.persons.some((p) => searchable(p.name).includes(wanted) || searchable(p.kana).includes(wanted))) return false;
  }
  if (search.keyword !== undefined) {
    const wanted = searchable(search.keyword);
    const { newAddress, previousAddress, memo } = record.summary;
    if (wanted !== "" && ![newAddress, previousAddress, memo].some((text) => searchable(text).includes(wanted))) return false;
  }
  return true;
};
