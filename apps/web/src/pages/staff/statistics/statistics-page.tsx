import { useState, type FormEvent } from "react";
import { reportMonthOf, type ProcedureUsage } from "@madoguchi/core";
import { requestJson } from "../../../api.ts";
import { Alert } from "../../../components/alert.tsx";
import { CsvDownloads } from "../../../components/csv-downloads.tsx";
import { DefinitionList } from "../../../components/definition-list.tsx";
import { Loading } from "../../../components/loading.tsx";
import { PageTitle } from "../../../components/page-title.tsx";
import { formatYen } from "../../../format.ts";
import { usePageTitle } from "../../../hooks/use-document-title.ts";
import { useLoad } from "../../../hooks/use-load.ts";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import type { Localized } from "../../../i18n/locale.ts";
import { StaffNav } from "../staff-nav.tsx";

/** `GET /api/staff/statistics?month` (S8). */
interface StatisticsView {
  readonly month: string;
  readonly procedures: number;
  readonly applications: number;
  readonly residentSignIns: number;
  readonly rows: readonly (ProcedureUsage & { readonly procedureName: string })[];
}

const M = {
  ja: {
    title: "利用状況",
    nav: "利用状況",
    intro: "月ごと（日本時間）の申請の件数です。担当する手続だけが数えられます。件数と金額だけで、個人情報は含みません。ログイン数は住民アカウントへのログインで、ポータルの閲覧数は数えていません。",
    month: "対象月",
    show: "表示する",
    csvUtf8: "月次報告 CSV（UTF-8）",
    csvSjis: "月次報告 CSV（Shift_JIS）",
    procedures: "受け付けている手続の数",
    applications: "この月の申請数",
    signIns: "この月の住民のログイン数",
    cols: ["手続", "申請数", "処理中（未完了）", "完了", "不受理", "取下げ", "手数料合計"],
  },
  en: {
    title: "Usage",
    nav: "Usage",
    intro: "Applications per month (Japan time), for the procedures you handle only. Counts and sums only: no personal data. Sign-ins are residents signing in to their accounts; portal page views are not counted.",
    month: "Month",
    show: "Show",
    csvUtf8: "Monthly report CSV (UTF-8)",
    csvSjis: "Monthly report CSV (Shift_JIS)",
    procedures: "Procedures offered",
    applications: "Applications this month",
    signIns: "Residents' sign-ins this month",
    cols: ["Procedure", "Applications", "Still open", "Completed", "Rejected", "Withdrawn", "Total fee"],
  },
} as const satisfies Record<string, unknown>;

/** The usage page's name in the navigation. */
export const statisticsNavLabel: Localized = { ja: M.ja.nav, en: M.en.nav };

/** This month in Japan, `YYYY-MM`. */
const thisMonthInJapan = (): string => reportMonthOf(new Date());

/** `/staff/statistics` — the dashboard's numbers and the monthly usage report per procedure (S8). */
export function StatisticsPage() {
  const { locale } = useI18n();
  const m = M[locale];
  usePageTitle(m.title);
  const [typed, setTyped] = useState(thisMonthInJapan);
  const [month, setMonth] = useState(thisMonthInJapan);
  const report = useLoad((signal) => requestJson<StatisticsView>("GET", `/api/staff/statistics?month=${encodeURIComponent(month)}`, { locale, signal }), `${month}|${locale}`);

  const show = (e: FormEvent) => {
    e.preventDefault();
    setMonth(typed);
  };


  return (
    <>
      <StaffNav current="statistics" />
      <PageTitle>{m.title}</PageTitle>
      <p>{m.intro}</p>
      <form noValidate className="form form--inline" onSubmit={show}>
        <div className="field">
          <label className="field__label" htmlFor="statistics-month">
            {m.month}
          </label>
          <input id="statistics-month" type="month" className="input" value={typed} onChange={(e) => setTyped(e.target.value)} data-testid="statistics-month" />
        </div>
        <div className="actions">
          <button type="submit" className="button" data-testid="statistics-show">
            {m.show}
          </button>
        </div>
      </form>
      <CsvDownloads url={(encoding) => `/api/staff/statistics?month=${encodeURIComponent(month)}&format=csv&encoding=${encoding}`} filename={`madoguchi-usage-${month}.csv`} labels={{ utf8: m.csvUtf8, sjis: m.csvSjis }} testIdPrefix="statistics" />
      {report.state.kind === "loading" && <Loading />}
      {report.state.kind === "error" && (
        <Alert kind="error" testId="statistics-error">
          <p>{report.state.error.message ?? String(report.state.error.status)}</p>
        </Alert>
      )}
      {report.state.kind === "ok" && (
        <>
          <DefinitionList
            rows={[
              { label: m.procedures, value: String(report.state.data.procedures), testId: "statistics-procedures" },
              { label: m.applications, value: String(report.state.data.applications), testId: "statistics-applications" },
              { label: m.signIns, value: String(report.state.data.residentSignIns), testId: "statistics-sign-ins" },
            ]}
          />
          <div className="table-scroll" role="region" aria-labelledby="statistics-caption" tabIndex={0}>
            <table className="table" data-testid="statistics-table">
              <caption id="statistics-caption">{`${m.title} ${report.state.data.month}`}</caption>
              <thead>
                <tr>
                  {m.cols.map((c, i) => (
                    <th key={c} scope="col" className={i >= 1 ? "num" : undefined}>
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {report.state.data.rows.map((r) => (
                  <tr key={r.procedureId} data-testid={`statistics-row-${r.procedureId}`}>
                    <th scope="row">{r.procedureName}</th>
                    <td className="num">{r.submitted}</td>
                    <td className="num">{r.open}</td>
                    <td className="num">{r.completed}</td>
                    <td className="num">{r.rejected}</td>
                    <td className="num">{r.withdrawn}</td>
                    <td className="num">{formatYen(r.feeTotal, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
