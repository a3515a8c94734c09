import { MAX_COUNTER_MEMO_LENGTH, type DraftPath, type ResidenceNotificationDraft } from "@madoguchi/core";

/**
 * C6 窓口メモ on the counter page: the pure part. The memo is the clerk's note on the visit (what was checked, what is
 * left to do); it lives in the draft (`memo`), is sent with it to be kept with the counter record, and is never
 * printed on the form. Core's schema refuses more than {@link MAX_COUNTER_MEMO_LENGTH} characters in code points;
 * the page counts the same way and does not print a draft the server would refuse.
 */

/** The memo's textarea (also its test id, and where the issue list's link goes). */
export const MEMO_INPUT_ID = "counter-memo";

/** The memo of a draft ("" when none). */
export const draftMemo = (draft: ResidenceNotificationDraft): string => draft.memo ?? "";

/** A memo's length as core counts it: in code points (𠮷 is one character), line breaks included. */
export const memoLength = (text: string): number => [...text].length;

/** Whether a memo is longer than the server keeps. */
export const memoTooLong = (text: string): boolean => memoLength(text) > MAX_COUNTER_MEMO_LENGTH;

/** The draft with `text` as its memo, kept as typed; an empty memo leaves the draft without one. */
export const withMemo = (draft: ResidenceNotificationDraft, text: string): ResidenceNotificationDraft => {
  if (text !== "") return { ...draft, memo: text };
  const { memo: _gone, ...rest } = draft;
  return rest;
};

/** Whether the print button may send the draft: core finds nothing to fix, and the memo is not over the limit. */
export const canPrint = (issueCount: number, draft: ResidenceNotificationDraft): boolean => issueCount === 0 && !memoTooLong(draftMemo(draft));

/** Where a registered phrase goes (C6 語句登録): a value of the form, or the memo. */
export type PhraseTarget = DraftPath | { readonly memo: true };

/** The phrase target that is the memo. */
export const MEMO_TARGET: PhraseTarget = { memo: true };

/** Whether a phrase target is the memo. */
export const isMemoTarget = (target: PhraseTarget): target is { readonly memo: true } => "memo" in target;
