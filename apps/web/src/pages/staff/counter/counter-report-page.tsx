import { useEffect, useState, type FormEvent } from "react";
import { MAX_HANDLING_SECONDS, reportMonthOf } from "@madoguchi/core";
import { Alert } from "../../../components/alert.tsx";
import { DefinitionList } from "../../../components/definition-list.tsx";
import { PageTitle } from "../../../components/page-title.tsx";
import { TextField } from "../../../components/text-field.tsx";
import { formatIsoDate } from "../../../format.ts";
import { usePageTitle } from "../../../hooks/use-document-title.ts";
import { useLoad } from "../../../hooks/use-load.ts";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import { StaffNav } from "../staff-nav.tsx";
import { useSignedInStaff } from "../staff-session.tsx";
import { counterApi } from "./counter-api.ts";
import { counterMessages } from "./counter-messages.ts";
import { notificationKindText } from "./counter-records.ts";
import { flaggedShare, kindTotals, minutesText, monthProblem, monthText, percentText, relatedFormCounts, type CounterReportAnswer } from "./counter-report.ts";
import { reportMessages } from "./counter-report-messages.ts";

const MONTH_ID = "counter-report-month";

/**
 * `/staff/counter/report` — 窓口の利用状況 (C13), for members with `counter.use`: the month's forms per day and kind
 * of notification with their median and 90th-percentile handling minutes, the totals per kind, the related forms
 * printed (C7) and the OCR's counts. Counts and times only (the server builds it from audit entries): no personal data.
 */
export function CounterReportPage() {
  const { locale, t } = useI18n();
  const m = reportMessages[locale];
  const c = counterMessages[locale];
  usePageTitle(m.title);
  const { signedOut } = useSignedInStaff();
  const [typed, setTyped] = useState(() => reportMonthOf(new Date()));
  const [month, setMonth] = useState(() => reportMonthOf(new Date()));
  const [problem, setProblem] = useState<"missing" | "invalid" | null>(null);
  const report = useLoad((signal) => counterApi(locale).report(month, signal), `counter-report-${month}-${locale}`);
  const expired = report.state.kind === "error" && report.state.error.status === 401;
  useEffect(() => {
    if (expired) signedOut("expired");
  }, [expired, signedOut]);

  const show = (event: FormEvent) => {
    event.preventDefault();
    const found = monthProblem(typed);
    setProblem(found);
    if (found !== null) return document.getElementById(MONTH_ID)?.focus();
    if (typed.trim() === month) report.reload();
    else setMonth(typed.trim());
  };

  const status = report.state.kind === "loading" ? m.loading : report.state.kind === "ok" ? m.loaded(monthText(report.state.data.month, locale)) : "";
  return (
    <div className="counter-report-page">
      <StaffNav current="counter" subpage="counterReport" />
      <PageTitle>{m.title}</PageTitle>
      <p>{m.intro}</p>
      <form noValidate className="filter-bar" onSubmit={show}>
        <TextField
          id={MONTH_ID}
          type="month"
          label={m.month}
          help={m.monthHelp}
          value={typed}
          onChange={(value) => {
            setTyped(value);
            setProblem(null);
          }}
          errors={problem === null ? [] : [problem === "missing" ? m.monthMissing : m.monthInvalid]}
          size="medium"
          testId={MONTH_ID}
        />
        <div className="filter-bar__actions">
          <button type="submit" className="button" aria-disabled={report.state.kind === "loading" || undefined} data-testid="counter-report-show">
            {m.show}
          </button>
        </div>
      </form>

      {/* Loading and what is shown are announced politely; an error by its alert. */}
      <p role="status" className="counter-report__status" data-testid="counter-report-status">
        {status}
      </p>
      {report.state.kind === "error" && !expired && (
        <>
          <Alert kind="error" testId="counter-report-error">
            <p>{report.state.error.message ?? (report.state.error.status === 0 ? c.networkError : m.unexpectedError)}</p>
          </Alert>
          {report.state.error.status !== 400 && (
            <button type="button" className="button" onClick={report.reload}>
              {t.meta.retry}
            </button>
          )}
        </>
      )}
      {report.state.kind === "ok" && <CounterReportTables report={report.state.data} />}
    </div>
  );
}

/** The report of a month as tables (forms per day and kind, totals, related forms) and the OCR's counts. */
export function CounterReportTables({ report }: { readonly report: CounterReportAnswer }) {
  const { locale } = useI18n();
  const m = reportMessages[locale];
  const month = monthText(report.month, locale);
  const totals = kindTotals(report.totals);
  const related = relatedFormCounts(report.relatedForms, locale);
  const share = flaggedShare(report.scans);
  return (
    <>
      <section aria-labelledby="counter-report-forms-heading" data-testid="counter-report-forms">
        <h2 id="counter-report-forms-heading">{m.formsHeading}</h2>
        <p className="field__help">{m.timeNote(MAX_HANDLING_SECONDS / 3600)}</p>
        {report.rows.length === 0 ? (
          <p data-testid="counter-report-no-forms">{m.noForms(month)}</p>
        ) : (
          <div className="table-scroll" role="region" aria-labelledby="counter-report-caption" tabIndex={0}>
            <table className="table table--rows" data-testid="counter-report-table">
              <caption id="counter-report-caption">{m.formsCaption(month)}</caption>
              <thead>
                <tr>
                  <th scope="col">{m.colDay}</th>
                  <th scope="col">{m.colKind}</th>
                  <th scope="col" className="num">
                    {m.colForms}
                  </th>
                  <th scope="col" className="num">
                    {m.colMedian}
                  </th>
                  <th scope="col" className="num">
                    {m.colP90}
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.rows.map((r) => (
                  <tr key={`${r.day}|${r.kind}`} data-testid="counter-report-row" data-day={r.day} data-kind={r.kind}>
                    <th scope="row">
                      <time dateTime={r.day}>{formatIsoDate(r.day, locale)}</time>
                    </th>
                    <td>{notificationKindText(r.kind, locale)}</td>
                    <td className="num" data-testid="counter-report-row-forms">
                      {r.forms}
                    </td>
                    <td className="num" data-testid="counter-report-row-median">
                      {minutesText(r.medianMinutes, locale)}
                    </td>
                    <td className="num" data-testid="counter-report-row-p90">
                      {minutesText(r.p90Minutes, locale)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="counter-report-totals-heading">
        <h2 id="counter-report-totals-heading">{m.totalsHeading}</h2>
        <div className="table-scroll">
          <table className="table table--rows" data-testid="counter-report-totals">
            <caption>{m.totalsCaption(month)}</caption>
            <thead>
              <tr>
                <th scope="col">{m.colKind}</th>
                <th scope="col" className="num">
                  {m.colForms}
                </th>
              </tr>
            </thead>
            <tbody>
              {totals.rows.map((r) => (
                <tr key={r.kind} data-testid={`counter-report-total-${r.kind}`}>
                  <th scope="row">{notificationKindText(r.kind, locale)}</th>
                  <td className="num" data-testid={`counter-report-total-${r.kind}-forms`}>
                    {r.forms}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{m.total}</th>
                <td className="num" data-testid="counter-report-total-all">
                  {totals.all}
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      </section>

      <section aria-labelledby="counter-report-related-heading">
        <h2 id="counter-report-related-heading">{m.relatedHeading}</h2>
        <div className="table-scroll">
          <table className="table table--rows" data-testid="counter-report-related">
            <caption>{m.relatedCaption(month)}</caption>
            <thead>
              <tr>
                <th scope="col">{m.colForm}</th>
                <th scope="col" className="num">
                  {m.colPrinted}
                </th>
              </tr>
            </thead>
            <tbody>
              {related.map((r) => (
                <tr key={r.formId} data-testid={`counter-report-related-${r.formId}`}>
                  <th scope="row">{r.name}</th>
                  <td className="num" data-testid={`counter-report-related-${r.formId}-printed`}>
                    {r.printed}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="counter-report-scans-heading" data-testid="counter-report-scans">
        <h2 id="counter-report-scans-heading">{m.scansHeading}</h2>
        <DefinitionList
          rows={[
            { label: m.scansRead, value: String(report.scans.read), testId: "counter-report-scans-read" },
            { label: m.scansFailed, value: String(report.scans.failed), testId: "counter-report-scans-failed" },
            {
              label: m.flaggedShare,
              value: `${percentText(share, locale)}${share === null ? "" : m.flaggedDetail(report.scans.flagged, report.scans.fields)}`,
              testId: "counter-report-scans-flagged",
            },
          ]}
        />
        <p className="field__help">{m.scansNote}</p>
      </section>
    </>
  );
}
