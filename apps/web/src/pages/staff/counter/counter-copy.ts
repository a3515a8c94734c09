import {
  NOTIFICATION_FIELD_LABELS,
  NOTIFICATION_KIND_LABELS,
  oneLineText,
  PERSON_FIELD_KEYS,
  PERSON_FIELD_LABELS,
  type DraftPath,
  type DraftValue,
  type NotificationFieldKey,
  type ResidenceNotificationDraft,
} from "@madoguchi/core";
import type { Locale } from "../../../i18n/locale.ts";
import { pathInputId } from "./counter-draft.ts";

/**
 * Copying the draft's values to other input screens (C12): one value at a time, or the whole draft as
 * `項目名<TAB>値` lines that other systems' screens and spreadsheets paste as a two-column table.
 */

/**
 * The rows of the paper 住民異動届 above the persons: each an address-like value and the person beside it. The
 * sheet lays them out; the copied text follows the same order.
 */
export const SHEET_ROWS: readonly (readonly [NotificationFieldKey, NotificationFieldKey])[] = [
  ["address.new", "head.new"],
  ["address.previous", "head.previous"],
  ["domicile.address", "domicile.head"],
];

/** The single values in the sheet's order: the date of the move first (the kind of notification is beside it), then the rows. */
export const SHEET_FIELD_ORDER: readonly NotificationFieldKey[] = ["move.date", ...SHEET_ROWS.flat()];

/** A value still waiting for staff's look (reasons, not confirmed): copyable, but said to be unchecked. */
export const isUnconfirmed = (value: DraftValue | undefined): boolean => value !== undefined && value.reasons.length > 0 && !value.confirmed;

/**
 * The test id of a value's copy button: `counter-copy-` and the value's input id without its `counter-` prefix
 * (`counter-copy-address-new`, `counter-copy-person-0-name`). The field keys' dots become hyphens and a person's
 * row is its index, so the id needs no escaping in a CSS selector.
 */
export const copyButtonId = (path: DraftPath): string => `counter-copy-${pathInputId(path).slice("counter-".length)}`;

/** The whole-draft copy button and the status that says what was copied. */
export const COPY_ALL_ID = "counter-copy-all";
export const COPY_STATUS_ID = "counter-copy-status";

const WORDS = {
  ja: { kind: "届出の種類", person: (n: number, label: string) => `世帯員${n} ${label}`, unconfirmed: "（未確認）" },
  en: { kind: "Kind of notification", person: (n: number, label: string) => `Person ${n} ${label}`, unconfirmed: " (unchecked)" },
} as const;

/** The draft as copied: the text, how many values it holds, and how many of them are unchecked. */
export interface DraftCopy {
  readonly text: string;
  readonly values: number;
  readonly unconfirmed: number;
}

/**
 * The whole draft as `項目名<TAB>値` lines, in the sheet's order: the date of the move, the kind of notification,
 * the addresses and heads, then each person's values (`世帯員1 氏名`). Empty values are left out; an unchecked one
 * ends with 「（未確認）」. Tabs, line breaks and other control characters in a value become a space (core's
 * `oneLineText`), so a value never breaks the table. A draft with no value copies as an empty text: the kind of
 * notification alone is not a reading.
 */
export const draftCopyText = (draft: ResidenceNotificationDraft, locale: Locale): DraftCopy => {
  const w = WORDS[locale];
  const lines: string[] = [];
  let values = 0;
  let unconfirmed = 0;
  const add = (label: string, value: DraftValue | undefined) => {
    const text = value === undefined ? "" : oneLineText(value.value);
    if (text === "") return;
    const flagged = isUnconfirmed(value);
    values += 1;
    if (flagged) unconfirmed += 1;
    lines.push(`${oneLineText(label)}\t${text}${flagged ? w.unconfirmed : ""}`);
  };
  for (const field of SHEET_FIELD_ORDER) {
    add(NOTIFICATION_FIELD_LABELS[field][locale], draft.fields[field]);
    if (field === "move.date") lines.push(`${w.kind}\t${NOTIFICATION_KIND_LABELS[draft.kind][locale]}`);
  }
  draft.persons.forEach((person, i) => {
    for (const field of PERSON_FIELD_KEYS) add(w.person(i + 1, PERSON_FIELD_LABELS[field][locale]), person[field]);
  });
  return values === 0 ? { text: "", values: 0, unconfirmed: 0 } : { text: lines.join("\n"), values, unconfirmed };
};

/** Writes a text to the clipboard. */
export type ClipboardWrite = (text: string) => Promise<void>;

/**
 * The browser's `navigator.clipboard.writeText`, or null where there is none (a page served over plain http from
 * another host than localhost, an old browser): the page then offers no copy buttons, and staff select and copy.
 */
export const clipboardWriter = (nav: { readonly clipboard?: { readonly writeText?: unknown } } | undefined): ClipboardWrite | null => {
  const clipboard = nav?.clipboard;
  const write = clipboard?.writeText;
  return typeof write === "function" ? (text) => Promise.resolve(write.call(clipboard, text) as Promise<void>) : null;
};

/** What the last copy did, for the status beside the buttons. */
export type CopyOutcome =
  | { readonly kind: "copied"; readonly unconfirmed: boolean }
  | { readonly kind: "copied_all"; readonly values: number; readonly unconfirmed: number }
  | { readonly kind: "failed" };

/** Copies a text; never rejects (a refused permission, a page not in focus: `failed`). */
export const copyText = async (write: ClipboardWrite, text: string): Promise<boolean> => {
  try {
    await write(text);
    return true;
  } catch {
    return false;
  }
};
