import { err, ok, type Result } from "neverthrow";
import type { IsoDate } from "../shared/japanese/iso-date.ts";
import { formatWareki, isoToWareki, parseJapaneseDate } from "../shared/japanese/japanese-date.ts";
import type { PrintableForm } from "./form-layout.ts";
import {
  NOTIFICATION_FIELD_KEYS,
  NOTIFICATION_KIND_LABELS,
  PERSON_FIELD_KEYS,
  unconfirmedPaths,
  type DraftPath,
  type NotificationFieldKey,
  type NotificationKind,
  type ResidenceNotificationDraft,
} from "./residence-notification.ts";

/** The layout a 住民異動届 is printed on (`config/forms/juminido-todoke.v<n>.json`). */
export const RESIDENCE_NOTIFICATION_LAYOUT_ID = "juminido-todoke";

/**
 * Longest value a form field takes: an address with its building and room fits well within it, and the
 * 住民異動届's address box holds about 110 full-width characters at the printer's smallest size.
 */
export const MAX_DRAFT_VALUE_LENGTH = 100;

/**
 * What stops a draft from being printed. Each names where it is, so the counter screen can take staff there.
 * - `unconfirmed`: a flagged value nobody has compared with the document;
 * - `required`: a value this kind of notification cannot do without;
 * - `invalid_date`: not a date (typed 令和, S50.3.4 and 2024-01-02 are all read);
 * - `date_in_future`: a birth, or a move that a 転入/転居 notifies after the fact, after today;
 * - `too_long`: longer than {@link MAX_DRAFT_VALUE_LENGTH};
 * - `no_person`: nobody is listed;
 * - `document_flags`: a scanned document's own flags (a cross-field check, persons beyond the form's rows) are
 *   not acknowledged.
 */
export type DraftIssue =
  | { readonly code: "unconfirmed" | "required" | "invalid_date" | "date_in_future" | "too_long"; readonly path: DraftPath }
  | { readonly code: "no_person" }
  | { readonly code: "document_flags"; readonly scan: number };

/** The values each kind cannot be printed without. A 転出 states where to, not a new address here. */
const REQUIRED_FIELDS: Readonly<Record<NotificationKind, readonly NotificationFieldKey[]>> = {
  tennyu: ["move.date", "address.new", "head.new"],
  tenkyo: ["move.date", "address.new", "address.previous", "head.new"],
  tenshutsu: ["move.date", "address.new", "address.previous"],
  "setainushi-henko": ["move.date", "head.new", "head.previous"],
};

/** Kinds that are notified after the move: the move cannot be in the future. */
const NOTIFIED_AFTER_THE_MOVE: ReadonlySet<NotificationKind> = new Set(["tennyu", "tenkyo", "setainushi-henko"]);

/** Everything that stops the draft from being printed today; empty when it can be. */
export const draftIssues = (draft: ResidenceNotificationDraft, today: IsoDate): readonly DraftIssue[] => {
  const issues: DraftIssue[] = unconfirmedPaths(draft).map((path) => ({ code: "unconfirmed", path }));
  draft.scans.forEach((s, scan) => {
    if (!s.acknowledged) issues.push({ code: "document_flags", scan });
  });
  for (const field of REQUIRED_FIELDS[draft.kind]) if ((draft.fields[field]?.value ?? "") === "") issues.push({ code: "required", path: { field } });
  if (draft.persons.length === 0) issues.push({ code: "no_person" });
  draft.persons.forEach((p, person) => {
    for (const field of ["name", "birthDate"] as const) if ((p[field]?.value ?? "") === "") issues.push({ code: "required", path: { person, field } });
  });
  const dates: { readonly path: DraftPath; readonly afterTheFact: boolean }[] = [
    { path: { field: "move.date" }, afterTheFact: NOTIFIED_AFTER_THE_MOVE.has(draft.kind) },
    ...draft.persons.map((_, person) => ({ path: { person, field: "birthDate" } as DraftPath, afterTheFact: true })),
  ];
  for (const { path, afterTheFact } of dates) {
    const text = valueAt(draft, path);
    if (text === "") continue;
    const iso = parseJapaneseDate(text);
    if (iso.isErr()) issues.push({ code: "invalid_date", path });
    else if (afterTheFact && iso.value > today) issues.push({ code: "date_in_future", path });
  }
  for (const path of allPaths(draft)) if (valueAt(draft, path).length > MAX_DRAFT_VALUE_LENGTH) issues.push({ code: "too_long", path });
  return issues;
};

const valueAt = (draft: ResidenceNotificationDraft, path: DraftPath): string =>
  ("person" in path ? draft.persons[path.person]?.[path.field] : draft.fields[path.field])?.value ?? "";

const allPaths = (draft: ResidenceNotificationDraft): readonly DraftPath[] => [
  ...NOTIFICATION_FIELD_KEYS.map((field): DraftPath => ({ field })),
  ...draft.persons.flatMap((_, person) => PERSON_FIELD_KEYS.map((field): DraftPath => ({ person, field }))),
];

/** A date as the paper form writes it (令和8年11月25日); a date before 明治 is left as typed. */
export const warekiText = (text: string): string => {
  const iso = parseJapaneseDate(text);
  if (iso.isErr()) return text;
  const wareki = isoToWareki(iso.value);
  return wareki.isOk() ? formatWareki(wareki.value, "kanji") : text;
};

/**
 * The form to print from a draft with no issues: the values as the paper wants them (dates in 和暦), the
 * notification date (today) and the confirmation number that ties the paper to the counter's record.
 */
export const residenceNotificationForm = (
  draft: ResidenceNotificationDraft,
  options: { readonly today: IsoDate; readonly confirmationNumber: string },
): Result<PrintableForm, readonly DraftIssue[]> => {
  const issues = draftIssues(draft, options.today);
  if (issues.length > 0) return err(issues);
  const values: Record<string, string> = {
    "notification.kind": NOTIFICATION_KIND_LABELS[draft.kind].ja,
    "notification.date": warekiText(options.today),
    "form.confirmationNumber": options.confirmationNumber,
  };
  for (const field of NOTIFICATION_FIELD_KEYS) {
    const value = draft.fields[field]?.value;
    if (value !== undefined) values[field] = field === "move.date" ? warekiText(value) : value;
  }
  const persons = draft.persons.map((p) => {
    const row: Record<string, string> = {};
    for (const field of PERSON_FIELD_KEYS) {
      const value = p[field]?.value;
      if (value !== undefined) row[field] = field === "birthDate" ? warekiText(value) : value;
    }
    return row;
  });
  return ok({ layoutId: RESIDENCE_NOTIFICATION_LAYOUT_ID, values, rows: { persons } });
};
