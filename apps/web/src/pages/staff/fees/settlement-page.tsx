import { useState, type FormEvent } from "react";
import { japanCalendarDate } from "@madoguchi/core";
import { requestJson } from "../../../api.ts";
import { Alert } from "../../../components/alert.tsx";
import { CsvDownloads } from "../../../components/csv-downloads.tsx";
import { Loading } from "../../../components/loading.tsx";
import { PageTitle } from "../../../components/page-title.tsx";
import { formatYen } from "../../../format.ts";
import { usePageTitle } from "../../../hooks/use-document-title.ts";
import { useLoad } from "../../../hooks/use-load.ts";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import type { Localized } from "../../../i18n/locale.ts";
import { StaffNav } from "../staff-nav.tsx";
import { OfflineTakingsTable, type OfflineTakingsView } from "./offline-takings-table.tsx";
import { PaymentDisagreementList } from "./payment-disagreement-list.tsx";

interface SettlementRowView {
  readonly day: string;
  readonly procedureId: string;
  readonly procedureName: string;
  readonly count: number;
  readonly captured: number;
  readonly refunded: number;
  readonly cardFee: number;
  readonly net: number;
}

interface MovedAmounts {
  readonly captured: number;
  readonly refunded: number;
}

/** One payment whose money our books and the payment agent's records do not agree on (ADR 29). */
interface MatchingDifferenceView {
  readonly authorizationId: string;
  readonly status: "amount_differs" | "only_ours" | "only_gateway";
  readonly receiptNumber: string | null;
  readonly ours: MovedAmounts | null;
  readonly theirs: MovedAmounts | null;
}

/** 照合: our books against the gateway's own records of the period (ADR 29). */
type MatchingView =
  | { readonly state: "unsupported" | "unavailable"; readonly verdict: string }
  | {
      readonly state: "matched" | "differs";
      readonly verdict: string;
      readonly matchedCount: number;
      readonly differences: readonly MatchingDifferenceView[];
      readonly days: readonly { readonly day: string; readonly ours: MovedAmounts; readonly theirs: MovedAmounts; readonly agrees: boolean }[];
    };

/** `GET /api/staff/settlement?from&to` (ADR 26, matching ADR 29). */
interface SettlementView {
  readonly rows: readonly SettlementRowView[];
  readonly totals: { readonly count: number; readonly captured: number; readonly refunded: number; readonly cardFee: number; readonly net: number };
  readonly cardFeeRateBasisPoints: number;
  readonly matching: MatchingView;
  /** S5: the fees staff took in for the requests they entered (postal money order, cash). */
  readonly offline: OfflineTakingsView;
}

const M = {
  ja: {
    title: "日次精算",
    nav: "精算",
    intro: (rate: string) => `日ごと（日本時間）・手続ごとの売上確定、返金、カード手数料（${rate}、行ごとに円未満切捨て）です。決済代行の明細と照合してください。`,
    from: "開始日",
    to: "終了日",
    show: "表示する",
    csvUtf8: "CSV（UTF-8）",
    csvSjis: "CSV（Shift_JIS）",
    empty: "この期間の売上・返金はありません。",
    cols: ["日付", "手続", "件数", "売上額", "返金額", "カード手数料", "差引額"],
    total: "合計",
    matchingTitle: "決済代行の記録との照合",
    matchedCount: (n: number) => `${n}件の決済が一致しています。`,
    differenceCols: ["受付番号／日付", "決済ID", "内容", "当方売上額", "当方返金額", "決済代行売上額", "決済代行返金額"],
    status: { amount_differs: "金額が異なる", only_ours: "当方の記録のみ", only_gateway: "決済代行の記録のみ", day: "日計が異なる" },
    unknownReceipt: "（不明）",
  },
  en: {
    title: "Daily settlement",
    nav: "Settlement",
    intro: (rate: string) => `Captures, refunds and the card fee (${rate}, rounded down per row) per day (Japan time) and procedure. Check it against the payment agent's statement.`,
    from: "From",
    to: "To",
    show: "Show",
    csvUtf8: "CSV (UTF-8)",
    csvSjis: "CSV (Shift_JIS)",
    empty: "No captures or refunds in this period.",
    cols: ["Date", "Procedure", "Count", "Captured", "Refunded", "Card fee", "Net"],
    total: "Total",
    matchingTitle: "Reconciliation with the payment agent's records",
    matchedCount: (n: number) => `${n} payments match.`,
    differenceCols: ["Receipt number / date", "Payment id", "What", "Our captured", "Our refunded", "Agent captured", "Agent refunded"],
    status: { amount_differs: "Amounts differ", only_ours: "Only in our books", only_gateway: "Only at the payment agent", day: "Daily totals differ" },
    unknownReceipt: "(unknown)",
  },
} as const satisfies Record<string, unknown>;

/** The settlement page's name in the navigation. */
export const settlementNavLabel: Localized = { ja: M.ja.nav, en: M.en.nav };

/** Today in Japan, `YYYY-MM-DD` (core's calendar rule). */
const todayInJapan = (): string => japanCalendarDate(new Date());

/** `/staff/settlement` — the daily settlement report for the municipality's accountant (holders of `fees.change`). */
export function SettlementPage() {
  const { locale } = useI18n();
  const m = M[locale];
  usePageTitle(m.title);
  const [from, setFrom] = useState(todayInJapan);
  const [to, setTo] = useState(todayInJapan);
  const [period, setPeriod] = useState({ from: todayInJapan(), to: todayInJapan() });
  const params = new URLSearchParams(period).toString();
  const report = useLoad((signal) => requestJson<SettlementView>("GET", `/api/staff/settlement?${params}`, { locale, signal }), `${params}|${locale}`);
  const yen = (n: number) => (n < 0 ? `-${formatYen(-n, locale)}` : formatYen(n, locale));

  const show = (e: FormEvent) => {
    e.preventDefault();
    setPeriod({ from, to });
  };


  return (
    <>
      <StaffNav current="settlement" />
      <PageTitle>{m.title}</PageTitle>
      {report.state.kind === "ok" && <p>{m.intro(`${(report.state.data.cardFeeRateBasisPoints / 100).toFixed(2)} %`)}</p>}
      <form noValidate className="form form--inline" onSubmit={show}>
        <div className="field">
          <label className="field__label" htmlFor="settlement-from">
            {m.from}
          </label>
          <input id="settlement-from" type="date" className="input" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="settlement-from" />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="settlement-to">
            {m.to}
          </label>
          <input id="settlement-to" type="date" className="input" value={to} onChange={(e) => setTo(e.target.value)} data-testid="settlement-to" />
        </div>
        <div className="actions">
          <button type="submit" className="button" data-testid="settlement-show">
            {m.show}
          </button>
        </div>
      </form>
      <CsvDownloads url={(encoding) => `/api/staff/settlement?${params}&format=csv&encoding=${encoding}`} filename={`madoguchi-settlement-${period.from}-${period.to}.csv`} labels={{ utf8: m.csvUtf8, sjis: m.csvSjis }} testIdPrefix="settlement" />
      {report.state.kind === "loading" && <Loading />}
      {report.state.kind === "error" && (
        <Alert kind="error" testId="settlement-error">
          <p>{report.state.error.message ?? String(report.state.error.status)}</p>
        </Alert>
      )}
      {report.state.kind === "ok" && <Matching view={report.state.data.matching} m={m} yen={yen} />}
      <PaymentDisagreementList />
      {report.state.kind === "ok" &&
        (report.state.data.rows.length === 0 ? (
          <p data-testid="settlement-empty">{m.empty}</p>
        ) : (
          <div className="table-scroll">
            <table className="table" data-testid="settlement-table">
              <caption className="visually-hidden">{m.title}</caption>
              <thead>
                <tr>
                  {m.cols.map((c, i) => (
                    <th key={c} scope="col" className={i >= 2 ? "num" : undefined}>
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {report.state.data.rows.map((r) => (
                  <tr key={`${r.day}|${r.procedureId}`} data-testid="settlement-row">
                    <td>{r.day}</td>
                    <th scope="row">{r.procedureName}</th>
                    <td className="num">{r.count}</td>
                    <td className="num">{yen(r.captured)}</td>
                    <td className="num">{yen(r.refunded)}</td>
                    <td className="num">{yen(r.cardFee)}</td>
                    <td className="num">{yen(r.net)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr data-testid="settlement-total">
                  <th scope="row" colSpan={2}>
                    {m.total}
                  </th>
                  <td className="num">{report.state.data.totals.count}</td>
                  <td className="num">{yen(report.state.data.totals.captured)}</td>
                  <td className="num">{yen(report.state.data.totals.refunded)}</td>
                  <td className="num">{yen(report.state.data.totals.cardFee)}</td>
                  <td className="num">{yen(report.state.data.totals.net)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        ))}
      {report.state.kind === "ok" && <OfflineTakingsTable view={report.state.data.offline} locale={locale} yen={yen} />}
    </>
  );
}

type Messages = (typeof M)[keyof typeof M];

/** The verdict ("照合: 一致", or not), then what differs: payments by receipt number, and days. */
function Matching({ view, m, yen }: { readonly view: MatchingView; readonly m: Messages; readonly yen: (n: number) => string }) {
  const amounts = (a: MovedAmounts | null) =>
    a === null ? (
      <>
        <td className="num">–</td>
        <td className="num">–</td>
      </>
    ) : (
      <>
        <td className="num">{yen(a.captured)}</td>
        <td className="num">{yen(a.refunded)}</td>
      </>
    );
  const daysDiffering = view.state === "differs" ? view.days.filter((d) => !d.agrees) : [];
  return (
    <section aria-labelledby="settlement-matching-title" data-testid="settlement-matching" data-state={view.state}>
      <h2 id="settlement-matching-title">{m.matchingTitle}</h2>
      <Alert kind={view.state === "matched" ? "success" : view.state === "differs" ? "error" : "warning"} testId="settlement-matching-verdict">
        <p>{view.verdict}</p>
        {(view.state === "matched" || view.state === "differs") && <p>{m.matchedCount(view.matchedCount)}</p>}
      </Alert>
      {view.state === "differs" && (
        <div className="table-scroll">
          <table className="table" data-testid="settlement-differences">
            <caption className="visually-hidden">{m.matchingTitle}</caption>
            <thead>
              <tr>
                {m.differenceCols.map((c, i) => (
                  <th key={c} scope="col" className={i >= 3 ? "num" : undefined}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {view.differences.map((d) => (
                <tr key={d.authorizationId} data-testid="settlement-difference">
                  <th scope="row">{d.receiptNumber ?? m.unknownReceipt}</th>
                  <td>
                    <code>{d.authorizationId}</code>
                  </td>
                  <td>{m.status[d.status]}</td>
                  {amounts(d.ours)}
                  {amounts(d.theirs)}
                </tr>
              ))}
              {daysDiffering.map((d) => (
                <tr key={d.day} data-testid="settlement-day-difference">
                  <th scope="row">{d.day}</th>
                  <td />
                  <td>{m.status.day}</td>
                  {amounts(d.ours)}
                  {amounts(d.theirs)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
