import { pathInputId } from "./counter-draft.ts";
import { isMemoTarget, MEMO_INPUT_ID, type PhraseTarget } from "./counter-memo.ts";
import { insertPhrase } from "./counter-phrases.ts";

/**
 * C6: text put into the value (or the 窓口メモ) chosen last, as typing it would — shared by the panels that insert
 * (登録語句, 漢字検索). The DOM part; where the text goes within the value is `insertPhrase`'s (pure, tested).
 */

/** The input of a phrase target: the value's, or the memo's textarea. */
export const targetInputId = (target: PhraseTarget): string => (isMemoTarget(target) ? MEMO_INPUT_ID : pathInputId(target));

/**
 * Puts `value` into `input` (a value's input or the memo's textarea) as a keystroke does. React remembers the value
 * it last gave the element; the prototype's setter goes around that memory, so the `input` event reaches the field's `onChange` as typing does —
 * the draft changes by the same path (`typeDraftValue`: staff's value, confirmed) and the field keeps the text as typed.
 */
export const typeInto = (input: HTMLInputElement | HTMLTextAreaElement, value: string): void => {
  const prototype = input instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(prototype, "value")?.set;
  if (setter === undefined) input.value = value;
  else setter.call(input, value);
  input.dispatchEvent(new Event("input", { bubbles: true }));
};

/**
 * Types `text` into the target's input at its caret (over its selection), the caret then after the text, the
 * input focused. False when the input is no longer on the page (its person was removed): nothing is typed.
 */
export const typeAtTarget = (target: PhraseTarget, text: string): boolean => {
  const input = document.getElementById(targetInputId(target));
  if (!(input instanceof HTMLInputElement || input instanceof HTMLTextAreaElement)) return false;
  // The input keeps its caret and selection while the button has focus; read before anything changes them.
  const { value, caret } = insertPhrase(input.value, input.selectionStart, input.selectionEnd, text);
  input.focus();
  typeInto(input, value);
  input.setSelectionRange(caret, caret);
  return true;
};
