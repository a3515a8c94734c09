import { MAX_COUNTER_PHRASE_LENGTH, MAX_COUNTER_PHRASES, type CounterPhrase } from "@madoguchi/core";

/**
 * C6 語句登録 on the counter page: the pure part — where a phrase goes into a value, what the page checks before it
 * sends the list (the server checks the same with core's `CounterPhrasesSchema`), and a new phrase's id.
 */

/** The counter's phrases as `GET`/`PUT /api/staff/counter/phrases` answer them. */
export interface CounterPhrasesAnswer {
  readonly phrases: readonly CounterPhrase[];
  readonly version: number;
}

/** A value after a phrase went into it, with where the caret goes: right after the phrase. */
export interface PhraseInsertion {
  readonly value: string;
  /** A UTF-16 index, as an input's `selectionStart`. */
  readonly caret: number;
}

const isHigh = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;
const isLow = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;

/** `index` moved off the middle of a surrogate pair (after the pair): a phrase never splits 𠮷 in two. */
const offPair = (value: string, index: number): number =>
  index > 0 && index < value.length && isHigh(value.charCodeAt(index - 1)) && isLow(value.charCodeAt(index)) ? index + 1 : index;

/**
 * `phrase` put into `value` as typing it would: at the caret, or over the selection (`selectionStart` ≠
 * `selectionEnd`); appended when the input no longer knows where its caret was (`selectionStart` null). Indices are
 * an input's (UTF-16), clamped to the value.
 */
export const insertPhrase = (value: string, selectionStart: number | null, selectionEnd: number | null, phrase: string): PhraseInsertion => {
  if (selectionStart === null) return { value: value + phrase, caret: value.length + phrase.length };
  const clamp = (i: number) => offPair(value, Math.min(Math.max(0, Math.trunc(i)), value.length));
  const a = clamp(selectionStart);
  const b = clamp(selectionEnd ?? selectionStart);
  const [start, end] = a <= b ? [a, b] : [b, a];
  return { value: value.slice(0, start) + phrase + value.slice(end), caret: start + phrase.length };
};

/** Why a phrase cannot be registered (the page says it in words). */
export type PhraseProblem = "empty" | "too_long" | "line_break" | "duplicate" | "too_many";

// As core's schema: one line, no control characters (a tab, a line break) nor the Unicode line and paragraph separators.
const NOT_ONE_LINE = /[\p{Cc}\u2028\u2029]/u;

/** A phrase's length as core counts it: in code points (𠮷 is one character). */
export const phraseLength = (text: string): number => [...text].length;

/**
 * What stops `text` (as typed: it is trimmed here, as it will be kept) from joining `existing`; null when nothing
 * does.
 */
export const checkNewPhrase = (existing: readonly CounterPhrase[], text: string): PhraseProblem | null => {
  const trimmed = text.trim();
  if (trimmed === "") return "empty";
  if (NOT_ONE_LINE.test(trimmed)) return "line_break";
  if (phraseLength(trimmed) > MAX_COUNTER_PHRASE_LENGTH) return "too_long";
  if (existing.some((p) => p.text === trimmed)) return "duplicate";
  if (existing.length >= MAX_COUNTER_PHRASES) return "too_many";
  return null;
};

/** `count` random bytes from the browser's (or Node's) crypto. */
const cryptoBytes = (count: number): Uint8Array => crypto.getRandomValues(new Uint8Array(count));

/**
 * A new phrase's id: `p-` and 12 random hex digits (core's `^[a-z0-9][a-z0-9-]{0,63}$`), none of `existing`'s.
 * Made here, never typed: staff only ever see the text.
 */
export const newPhraseId = (existing: readonly CounterPhrase[], randomBytes: (count: number) => Uint8Array = cryptoBytes): string => {
  const taken = new Set(existing.map((p) => p.id));
  for (;;) {
    const id = `p-${Array.from(randomBytes(6), (b) => b.toString(16).padStart(2, "0")).join("")}`;
    if (!taken.has(id)) return id;
  }
};

/** The list with `text` (trimmed) registered last; call after {@link checkNewPhrase} found nothing. */
export const withPhrase = (existing: readonly CounterPhrase[], text: string, id: string): readonly CounterPhrase[] => [...existing, { id, text: text.trim() }];

/** The list without the phrase `id`. */
export const withoutPhrase = (existing: readonly CounterPhrase[], id: string): readonly CounterPhrase[] => existing.filter((p) => p.id !== id);
