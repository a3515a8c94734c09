import { useRef, useState, type FormEvent } from "react";
import type { CounterPhrase } from "@madoguchi/core";
import { useLoad } from "../../../hooks/use-load.ts";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import { counterApi } from "./counter-api.ts";
import { counterMessages, pathLabel, phraseProblemText } from "./counter-messages.ts";
import { isMemoTarget, type PhraseTarget } from "./counter-memo.ts";
import { checkNewPhrase, newPhraseId, withoutPhrase, withPhrase } from "./counter-phrases.ts";
import { typeAtTarget } from "./counter-type-into.ts";

/** Props of {@link CounterPhrasesPanel}. */
export interface CounterPhrasesPanelProps {
  /** The value (or the 窓口メモ) whose input had focus last (a phrase goes there); null before any had. */
  readonly target: PhraseTarget | null;
  readonly csrfToken: string;
  /** The target's input is no longer on the page (its person was removed): the page forgets it. */
  readonly onTargetGone: () => void;
}

type Status = { readonly kind: "done" | "error"; readonly text: string; readonly seq: number };

/**
 * C6 登録語句: the counter's registered phrases as buttons; one press puts a phrase into the value chosen last, at its
 * caret, as if typed. Under 「語句を編集」 staff register and remove phrases, shared by the whole counter (the list is
 * saved as a whole against its version: a change made meanwhile by someone else is reloaded, never overwritten).
 */
export function CounterPhrasesPanel({ target, csrfToken, onTargetGone }: CounterPhrasesPanelProps) {
  const { locale } = useI18n();
  const m = counterMessages[locale];
  const loaded = useLoad((signal) => counterApi(locale).phrases(signal), "counter-phrases");
  /** Open or closed by staff; until then open when there are phrases. */
  const [open, setOpen] = useState<boolean | null>(null);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState("");
  const [invalid, setInvalid] = useState(false);
  const [saving, setSaving] = useState(false);
  // `seq` renews the status's text node, so a screen reader says a message again when it repeats.
  const [status, setStatus] = useState<Status | null>(null);
  const newRef = useRef<HTMLInputElement>(null);

  const stored = loaded.state.kind === "ok" ? loaded.state.data : null;
  const phrases = stored?.phrases ?? [];
  const say = (kind: Status["kind"], message: string) => setStatus((last) => ({ kind, text: message, seq: (last?.seq ?? 0) + 1 }));

  const insert = (phrase: CounterPhrase) => {
    if (target === null) return;
    if (typeAtTarget(target, phrase.text)) return;
    onTargetGone();
    say("error", m.phraseTargetGone);
  };

  /** PUTs `next` against the version loaded; true when it was saved. */
  const save = async (next: readonly CounterPhrase[], done: string): Promise<boolean> => {
    if (stored === null || saving) return false;
    setSaving(true);
    const result = await counterApi(locale).savePhrases(next, stored.version, csrfToken);
    setSaving(false);
    if (result.ok) {
      loaded.set(result.data);
      say("done", done);
      return true;
    }
    if (result.error.status === 409) {
      say("error", m.phrasesConflict);
      loaded.reload();
      return false;
    }
    // 422 comes with the server's own words (settings.invalid_value), in the page's language.
    say("error", result.error.message ?? (result.error.status === 0 ? m.networkError : m.unexpectedError));
    return false;
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const problem = checkNewPhrase(phrases, text);
    if (problem !== null) {
      setInvalid(true);
      say("error", phraseProblemText(problem, locale));
      newRef.current?.focus();
      return;
    }
    setInvalid(false);
    const phrase = text.trim();
    if (await save(withPhrase(phrases, phrase, newPhraseId(phrases)), m.phraseAdded(phrase))) setText("");
  };

  const remove = (phrase: CounterPhrase) => void save(withoutPhrase(phrases, phrase.id), m.phraseRemoved(phrase.text));

  return (
    <details
      className="counter-phrases"
      open={open ?? phrases.length > 0}
      onToggle={(e) => setOpen(e.currentTarget.open)}
      data-testid="counter-phrases"
    >
      <summary className="counter-phrases__summary">
        {m.phrasesHeading}
        {phrases.length > 0 && <span className="counter-phrases__count">{m.phrasesCount(phrases.length)}</span>}
      </summary>
      <p id="counter-phrases-help" className="field__help">
        {m.phrasesHelp}
      </p>
      <p id="counter-phrases-target" className="counter-phrases__target" data-testid="counter-phrases-target">
        {target === null ? m.phrasesNoTarget : m.phrasesTarget(isMemoTarget(target) ? m.memoName : pathLabel(target, locale))}
      </p>
      {loaded.state.kind === "loading" && <p className="field__help">{m.phrasesLoading}</p>}
      {loaded.state.kind === "error" && (
        <p className="field__error" data-testid="counter-phrases-error">
          {loaded.state.error.message ?? (loaded.state.error.status === 0 ? m.networkError : m.unexpectedError)}
        </p>
      )}
      {stored !== null && phrases.length === 0 && <p className="field__help">{m.phrasesNone}</p>}
      {phrases.length > 0 && (
        <ul className="counter-phrases__list">
          {phrases.map((phrase) => (
            <li key={phrase.id} className="counter-phrases__item">
              <button
                type="button"
                className="button button--secondary button--small counter-phrases__phrase"
                onClick={() => insert(phrase)}
                disabled={target === null}
                aria-describedby="counter-phrases-target"
                lang="ja"
                data-testid="counter-phrase"
              >
                {phrase.text}
              </button>
              {editing && (
                <button
                  type="button"
                  className="button button--secondary button--small counter-phrases__remove"
                  onClick={() => remove(phrase)}
                  aria-disabled={saving || undefined}
                  aria-label={m.phraseRemoveFor(phrase.text)}
                  data-testid="counter-phrase-remove"
                >
                  {m.phraseRemove}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {stored !== null && (
        <div className="counter-phrases__edit">
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => setEditing((e) => !e)}
            aria-expanded={editing}
            data-testid="counter-phrases-edit"
          >
            {m.phrasesEdit}
          </button>
          {editing && (
            <form className="counter-phrases__form" onSubmit={(e) => void add(e)} noValidate>
              <div className={`field${invalid ? " field--error" : ""}`}>
                <label className="field__label" htmlFor="counter-phrase-new">
                  {m.phraseNew}
                </label>
                <p id="counter-phrase-new-help" className="field__help">
                  {m.phraseNewHelp}
                </p>
                <input
                  ref={newRef}
                  id="counter-phrase-new"
                  name="counter-phrase-new"
                  className="input"
                  value={text}
                  onChange={(e) => {
                    setText(e.target.value);
                    setInvalid(false);
                  }}
                  aria-describedby="counter-phrase-new-help"
                  aria-invalid={invalid || undefined}
                  autoComplete="off"
                  data-testid="counter-phrase-new"
                />
              </div>
              <button type="submit" className="button" aria-disabled={saving || undefined} data-testid="counter-phrase-add">
                {saving ? m.phrasesSaving : m.phraseAdd}
              </button>
            </form>
          )}
        </div>
      )}
      <p role="status" className={`counter-phrases__status${status?.kind === "error" ? " field__error" : ""}`} data-testid="counter-phrases-status">
        {status !== null && <span key={status.seq}>{status.text}</span>}
      </p>
    </details>
  );
}
