import type { CounterRecordSearchAnswer, CounterRecordView, RecordSearchForm } from "./counter-records.ts";

/** Where the records search stands. */
export type SearchState =
  | { readonly kind: "idle" }
  | { readonly kind: "searching" }
  | { readonly kind: "found"; readonly answer: CounterRecordSearchAnswer }
  | { readonly kind: "failed"; readonly message: string };

/** A search as the records page remembers it, for the session (CSRF token) that made it. */
export interface RememberedSearch {
  readonly csrfToken: string;
  readonly form: RecordSearchForm;
  readonly state: SearchState;
}

/**
 * The last search of this sign-in, so that Back from a record shows its list again without searching (and
 * auditing) anew. Held in memory only — never in the address, the history or the browser's storage: it names
 * residents — and only for the session that made it (a new sign-in has a new CSRF token); a reload forgets it.
 */
let last: RememberedSearch | null = null;

/** The search remembered for this session, if any. */
export const rememberedSearch = (csrfToken: string): RememberedSearch | null => (last?.csrfToken === csrfToken ? last : null);

/** Remembers a search (null: forgets it). */
export const rememberSearch = (search: RememberedSearch | null): void => {
  last = search;
};

/**
 * A record changed on its page (a paper added): the remembered list shows it as it is now when staff go back to
 * it. Nothing when it is not in that list.
 */
export const rememberRecordChange = (record: CounterRecordView): void => {
  if (last === null || last.state.kind !== "found") return;
  const { answer } = last.state;
  if (!answer.records.some((r) => r.id === record.id)) return;
  last = { ...last, state: { kind: "found", answer: { ...answer, records: answer.records.map((r) => (r.id === record.id ? record : r)) } } };
};
