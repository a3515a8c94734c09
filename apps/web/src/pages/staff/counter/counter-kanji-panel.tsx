import { useEffect, useRef, useState, type FormEvent } from "react";
import type { KanjiSearchItem, KanjiSearchResult } from "@madoguchi/core";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import { counterApi } from "./counter-api.ts";
import { groupKanji, isBlankKanjiQuery, kanjiButtonLabel, kanjiReadings, kanjiStrokes } from "./counter-kanji.ts";
import { counterMessages, pathLabel } from "./counter-messages.ts";
import { isMemoTarget, type PhraseTarget } from "./counter-memo.ts";
import { typeAtTarget } from "./counter-type-into.ts";

/** Props of {@link CounterKanjiPanel}. */
export interface CounterKanjiPanelProps {
  /** The value (or the 窓口メモ) whose input had focus last (a character goes there); null before any had. */
  readonly target: PhraseTarget | null;
  /** The target's input is no longer on the page (its person was removed): the page forgets it. */
  readonly onTargetGone: () => void;
}

type Status = { readonly kind: "info" | "error"; readonly text: string; readonly seq: number };

/**
 * C6 漢字検索: staff find a name's character that no IME offers (髙, 﨑, 𠮷) by its reading in kana or through a
 * similar character, and press it to put it into the value chosen last, at its caret, as if typed — as the
 * registered phrases are. The characters are shown large in IPAmj明朝 when the machine has it (the font the form is
 * printed with), each named to a screen reader by its code point and readings.
 */
export function CounterKanjiPanel({ target, onTargetGone }: CounterKanjiPanelProps) {
  const { locale } = useI18n();
  const m = counterMessages[locale];
  const [query, setQuery] = useState("");
  const [invalid, setInvalid] = useState(false);
  const [searching, setSearching] = useState(false);
  const [found, setFound] = useState<KanjiSearchResult | null>(null);
  // `seq` renews the status's text node, so a screen reader says a message again when it repeats.
  const [status, setStatus] = useState<Status | null>(null);
  const queryRef = useRef<HTMLInputElement>(null);
  /** The search under way: a new one (or leaving the page) cancels it. */
  const controllerRef = useRef<AbortController | null>(null);

  useEffect(() => () => controllerRef.current?.abort(), []);

  const say = (kind: Status["kind"], message: string) => setStatus((last) => ({ kind, text: message, seq: (last?.seq ?? 0) + 1 }));

  const search = async (event: FormEvent) => {
    event.preventDefault();
    controllerRef.current?.abort();
    if (isBlankKanjiQuery(query)) {
      controllerRef.current = null;
      setSearching(false);
      setInvalid(true);
      setFound(null);
      say("error", m.kanjiQueryEmpty);
      queryRef.current?.focus();
      return;
    }
    const controller = new AbortController();
    controllerRef.current = controller;
    setSearching(true);
    say("info", m.kanjiSearching);
    const result = await counterApi(locale).kanji(query.trim(), controller.signal);
    if (controller.signal.aborted) return;
    controllerRef.current = null;
    setSearching(false);
    if (result.ok) {
      setInvalid(false);
      setFound(result.data);
      say("info", result.data.items.length === 0 ? m.kanjiNone : m.kanjiFound(result.data.query, result.data.items.length));
      return;
    }
    setFound(null);
    // 400 `kanji.invalid_query` comes with the server's own words (why the query was refused), in the page's language.
    setInvalid(result.error.status === 400);
    say("error", result.error.message ?? (result.error.status === 0 ? m.networkError : m.unexpectedError));
  };

  const insert = (item: KanjiSearchItem) => {
    if (target === null) return;
    if (typeAtTarget(target, item.char)) return;
    onTargetGone();
    say("error", m.kanjiTargetGone);
  };

  const groups = found === null ? [] : groupKanji(found.items);

  return (
    <details className="counter-phrases counter-kanji" data-testid="counter-kanji">
      <summary className="counter-phrases__summary">{m.kanjiHeading}</summary>
      <p id="counter-kanji-help" className="field__help">
        {m.kanjiHelp}
      </p>
      <form className="counter-phrases__form counter-kanji__form" onSubmit={(e) => void search(e)} role="search" noValidate>
        <div className={`field${invalid ? " field--error" : ""}`}>
          <label className="field__label" htmlFor="counter-kanji-query">
            {m.kanjiQuery}
          </label>
          <p id="counter-kanji-query-help" className="field__help">
            {m.kanjiQueryHelp}
          </p>
          <input
            ref={queryRef}
            id="counter-kanji-query"
            name="counter-kanji-query"
            className="input"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setInvalid(false);
            }}
            aria-describedby={`counter-kanji-query-help${invalid ? " counter-kanji-status" : ""}`}
            aria-invalid={invalid || undefined}
            autoComplete="off"
            lang="ja"
            data-testid="counter-kanji-query"
          />
        </div>
        <button type="submit" className="button" aria-disabled={searching || undefined} data-testid="counter-kanji-search">
          {searching ? m.kanjiSearching : m.kanjiSearch}
        </button>
      </form>
      <p
        id="counter-kanji-status"
        role="status"
        className={`counter-phrases__status${status?.kind === "error" ? " field__error" : ""}`}
        data-testid="counter-kanji-status"
      >
        {status !== null && <span key={status.seq}>{status.text}</span>}
      </p>
      {groups.length > 0 && (
        <div className="counter-kanji__results" data-testid="counter-kanji-results">
          {found?.truncated === true && (
            <p className="field__help" data-testid="counter-kanji-truncated">
              {m.kanjiTruncated}
            </p>
          )}
          <p id="counter-kanji-target" className="counter-phrases__target" data-testid="counter-kanji-target">
            {target === null ? m.kanjiNoTarget : m.kanjiTarget(isMemoTarget(target) ? m.memoName : pathLabel(target, locale))}
          </p>
          {groups.map((group) => (
            <section
              key={group.relation}
              className="counter-kanji__group"
              aria-labelledby={`counter-kanji-${group.relation}-heading`}
              data-testid="counter-kanji-group"
              data-relation={group.relation}
            >
              <h3 id={`counter-kanji-${group.relation}-heading`} className="counter-kanji__heading">
                {m.kanjiRelations[group.relation]}
                <span className="counter-kanji__count">{m.kanjiCount(group.items.length)}</span>
              </h3>
              <ul className="counter-kanji__list">
                {group.items.map((item) => {
                  const readings = kanjiReadings(item);
                  const strokes = kanjiStrokes(item, locale);
                  return (
                    <li key={item.char}>
                      <button
                        type="button"
                        className="counter-kanji__item"
                        onClick={() => insert(item)}
                        disabled={target === null}
                        aria-describedby="counter-kanji-target"
                        data-testid="counter-kanji-item"
                        data-char={item.char}
                      >
                        {/*
                          The name is the whole description (髙（U+9AD9、コウ、たかい、11画）を入力), the character first as
                          shown; what is shown is hidden from a screen reader not to be read twice. Not an aria-label: the
                          readings shown under the character (two of each kind) are not all of them, and a name must hold
                          the text shown (WCAG 2.5.3).
                        */}
                        <span className="visually-hidden">{kanjiButtonLabel(item, locale)}</span>
                        <span className="counter-kanji__char" lang="ja" aria-hidden="true">
                          {item.char}
                        </span>
                        {readings !== "" && (
                          <span className="counter-kanji__small" lang="ja" aria-hidden="true">
                            {readings}
                          </span>
                        )}
                        {strokes !== "" && (
                          <span className="counter-kanji__small" aria-hidden="true">
                            {strokes}
                          </span>
                        )}
                        <span className="counter-kanji__small counter-kanji__code" aria-hidden="true">
                          {item.codePoint}
                        </span>
                      </button>
                    </li>
                  );
                })}
              </ul>
            </section>
          ))}
        </div>
      )}
    </details>
  );
}
