import { useEffect, useRef, useState, type FormEvent } from "react";
import { japanCalendarDate } from "@madoguchi/core";
import { Alert } from "../../../components/alert.tsx";
import { Link } from "../../../components/link.tsx";
import { PageTitle } from "../../../components/page-title.tsx";
import { TextField } from "../../../components/text-field.tsx";
import { formatDateTime, formatIsoDate } from "../../../format.ts";
import { usePageTitle } from "../../../hooks/use-document-title.ts";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import { StaffNav } from "../staff-nav.tsx";
import { useSignedInStaff } from "../staff-session.tsx";
import { counterApi } from "./counter-api.ts";
import { counterMessages } from "./counter-messages.ts";
import { recordMessages } from "./counter-record-messages.ts";
import { rememberedSearch, rememberSearch, type SearchState } from "./counter-records-memory.ts";
import {
  birthDateReading,
  checkRecordSearch,
  counterRecordPath,
  defaultRecordSearch,
  notificationKindText,
  personNames,
  type CounterRecordSearchAnswer,
  type RecordSearchForm,
  type RecordSearchProblem,
} from "./counter-records.ts";

const FIELD_IDS: Readonly<Record<keyof RecordSearchForm, string>> = {
  from: "counter-records-from",
  to: "counter-records-to",
  name: "counter-records-name",
  birthDate: "counter-records-birth-date",
  number: "counter-records-number",
  keyword: "counter-records-keyword",
};

/**
 * `/staff/counter/records` — 保存記録 (C9), for members with `counter.use`: the counter's kept records of a period
 * (default the last 30 days), by part of a person's name or kana, a date of birth in any notation (sent as ISO) or
 * the confirmation number printed on the form. Nothing is searched until staff ask: every search is audited.
 */
export function CounterRecordsPage() {
  const { locale } = useI18n();
  const m = recordMessages[locale];
  const c = counterMessages[locale];
  usePageTitle(m.title);
  const { csrfToken, signedOut } = useSignedInStaff();
  const remembered = rememberedSearch(csrfToken);
  const [form, setForm] = useState<RecordSearchForm>(() => remembered?.form ?? defaultRecordSearch(japanCalendarDate(new Date())));
  const [problems, setProblems] = useState<readonly RecordSearchProblem[]>([]);
  const [state, setState] = useState<SearchState>(remembered?.state ?? { kind: "idle" });
  const running = useRef<AbortController | null>(null);
  useEffect(() => () => running.current?.abort(), []);

  const set = (key: keyof RecordSearchForm) => (value: string) => {
    setForm((f) => ({ ...f, [key]: value }));
    setProblems((ps) => ps.filter((p) => p.field !== key));
  };
  const errorsOf = (key: keyof RecordSearchForm): readonly string[] => problems.filter((p) => p.field === key).map((p) => m.problem(p));

  const search = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkRecordSearch(form);
    if (!checked.ok) {
      setProblems(checked.problems);
      const first = checked.problems[0];
      if (first !== undefined) document.getElementById(FIELD_IDS[first.field])?.focus();
      return;
    }
    setProblems([]);
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    setState({ kind: "searching" });
    const result = await counterApi(locale).searchRecords(checked.query, controller.signal);
    if (controller.signal.aborted) return;
    if (!result.ok && result.error.status === 401) return signedOut("expired");
    const next: SearchState = result.ok
      ? { kind: "found", answer: result.data }
      : { kind: "failed", message: result.error.message ?? (result.error.status === 0 ? c.networkError : c.unexpectedError) };
    setState(next);
    rememberSearch({ csrfToken, form, state: next });
  };

  const clear = () => {
    running.current?.abort();
    rememberSearch(null);
    setForm(defaultRecordSearch(japanCalendarDate(new Date())));
    setProblems([]);
    setState({ kind: "idle" });
  };

  const reading = birthDateReading(form.birthDate, locale);
  return (
    <div className="counter-records-page">
      <StaffNav current="counter" subpage="counterRecords" />
      <PageTitle>{m.title}</PageTitle>
      <p>{m.intro}</p>
      <form className="filter-bar filter-bar--wrap" noValidate onSubmit={(e) => void search(e)} aria-labelledby="counter-records-search-heading" aria-busy={state.kind === "searching" || undefined}>
        <h2 id="counter-records-search-heading" className="visually-hidden">
          {m.searchHeading}
        </h2>
        <TextField id={FIELD_IDS.from} type="date" label={m.from} help={m.periodHelp} value={form.from} onChange={set("from")} errors={errorsOf("from")} size="short" testId={FIELD_IDS.from} />
        <TextField id={FIELD_IDS.to} type="date" label={m.to} value={form.to} onChange={set("to")} errors={errorsOf("to")} size="short" testId={FIELD_IDS.to} />
        <TextField
          id={FIELD_IDS.name}
          label={m.name}
          help={m.nameHelp}
          value={form.name}
          onChange={set("name")}
          errors={errorsOf("name")}
          size="medium"
          autoComplete="off"
          spellCheck={false}
          testId={FIELD_IDS.name}
        />
        <TextField
          id={FIELD_IDS.birthDate}
          label={m.birthDate}
          help={reading === null ? m.birthDateHelp : `${m.birthDateHelp} ${m.birthDateReading(reading)}`}
          value={form.birthDate}
          onChange={set("birthDate")}
          errors={errorsOf("birthDate")}
          size="medium"
          autoComplete="off"
          spellCheck={false}
          testId={FIELD_IDS.birthDate}
        />
        <TextField
          id={FIELD_IDS.number}
          label={m.number}
          help={m.numberHelp}
          value={form.number}
          onChange={set("number")}
          errors={errorsOf("number")}
          size="medium"
          autoComplete="off"
          spellCheck={false}
          testId={FIELD_IDS.number}
        />
        <TextField
          id={FIELD_IDS.keyword}
          label={m.keyword}
          help={m.keywordHelp}
          value={form.keyword}
          onChange={set("keyword")}
          errors={errorsOf("keyword")}
          size="medium"
          autoComplete="off"
          testId={FIELD_IDS.keyword}
        />
        <div className="filter-bar__actions">
          <button type="submit" className="button" aria-disabled={state.kind === "searching" || undefined} data-testid="counter-records-search">
            {state.kind === "searching" ? m.searching : m.search}
          </button>
          <button type="button" className="button button--secondary" onClick={clear} data-testid="counter-records-clear">
            {m.clear}
          </button>
        </div>
      </form>

      <section aria-labelledby="counter-records-results-heading" className="counter-records__results">
        <h2 id="counter-records-results-heading">{m.resultsHeading}</h2>
        <p role="status" data-testid="counter-records-status">
          {state.kind === "searching" ? m.searching : state.kind === "found" ? `${m.found(state.answer.records.length)}${state.answer.more ? ` ${m.more}` : ""}` : ""}
        </p>
        {state.kind === "idle" && <p data-testid="counter-records-idle">{m.notSearched}</p>}
        {state.kind === "failed" && (
          <Alert kind="error" testId="counter-records-error">
            <p>{state.message}</p>
          </Alert>
        )}
        {state.kind === "found" && state.answer.more && (
          <Alert kind="warning" testId="counter-records-more">
            <p>{m.more}</p>
          </Alert>
        )}
        {state.kind === "found" && state.answer.records.length > 0 && <RecordsTable answer={state.answer} />}
      </section>
    </div>
  );
}

function RecordsTable({ answer }: { readonly answer: CounterRecordSearchAnswer }) {
  const { locale } = useI18n();
  const m = recordMessages[locale];
  return (
    <div className="table-scroll" role="region" aria-labelledby="counter-records-caption" tabIndex={0}>
      <table className="table table--rows" data-testid="counter-records-table">
        <caption id="counter-records-caption">{m.caption(formatIsoDate(answer.from, locale), formatIsoDate(answer.to, locale), answer.records.length)}</caption>
        <thead>
          <tr>
            <th scope="col">{m.colNumber}</th>
            <th scope="col">{m.colCreatedAt}</th>
            <th scope="col">{m.colKind}</th>
            <th scope="col">{m.colNames}</th>
            <th scope="col" className="num">
              {m.colDocuments}
            </th>
            <th scope="col">{m.colKeepUntil}</th>
          </tr>
        </thead>
        <tbody>
          {answer.records.map((r) => (
            <tr key={r.id} data-testid="counter-records-row">
              <th scope="row">
                <Link href={counterRecordPath(r.id)} className="code" data-testid="counter-records-open">
                  {r.confirmationNumber}
                </Link>
              </th>
              <td>
                <time dateTime={r.createdAt}>{formatDateTime(r.createdAt, locale)}</time>
              </td>
              <td>{notificationKindText(r.kind, locale)}</td>
              <td lang="ja">{personNames(r, locale)}</td>
              <td className="num">{m.documentCount(r.documents.length)}</td>
              <td>
                <time dateTime={r.keepUntil}>{formatIsoDate(r.keepUntil, locale)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
