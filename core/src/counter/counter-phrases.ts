import { Schema } from "effect";

/**
 * C6 語句登録: phrases the counter's staff register once and insert into the form with one press — a building's
 * name, a town's long 町名, a 本籍 they type every day. Municipality-wide, kept as the `counter.phrases` setting.
 * No personal data is meant to be registered; phrases are public wording like those of a form's printed examples.
 */
export const COUNTER_PHRASES_SETTING = "counter.phrases" as const;

/** The most phrases kept: a page of buttons staff can still scan by eye. */
export const MAX_COUNTER_PHRASES = 200;

/** The longest phrase: a long address line. */
export const MAX_COUNTER_PHRASE_LENGTH = 100;

// One line (no control characters: a phrase goes into a one-line value), trimmed, counted in code points.
const ONE_LINE = /^[^\p{Cc}\u2028\u2029]*$/u;

export const CounterPhraseSchema = Schema.Struct({
  id: Schema.String.check(Schema.isPattern(/^[a-z0-9][a-z0-9-]{0,63}$/)),
  text: Schema.String.check(
    Schema.isTrimmed(),
    Schema.isMinLength(1),
    Schema.isPattern(ONE_LINE),
    Schema.makeFilter((s: string) => [...s].length <= MAX_COUNTER_PHRASE_LENGTH || `at most ${MAX_COUNTER_PHRASE_LENGTH} characters`),
  ),
});

/** One registered phrase. */
export type CounterPhrase = typeof CounterPhraseSchema.Type;

/** The counter's phrases: at most 200, ids and texts unique. */
export const CounterPhrasesSchema = Schema.Array(CounterPhraseSchema).check(
  Schema.isMaxLength(MAX_COUNTER_PHRASES),
  Schema.makeFilter((list: readonly CounterPhrase[]) => new Set(list.map((p) => p.id)).size === list.length || "phrase ids must be unique"),
  Schema.makeFilter((list: readonly CounterPhrase[]) => new Set(list.map((p) => p.text)).size === list.length || "a phrase is registered once"),
);
