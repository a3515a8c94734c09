import type { Locale } from "../../../i18n/locale.ts";

/** One row of the report's `offline` part (S5, ADR 40): fees staff took in for requests they entered. */
export interface OfflineTakingRowView {
  readonly day: string;
  readonly procedureId: string;
  readonly procedureName: string;
  readonly kind: string;
  readonly kindLabel: string;
  readonly count: number;
  readonly taken: number;
  readonly toReturn: number;
  readonly kept: number;
}

/** The report's `offline` part. */
export interface OfflineTakingsView {
  readonly rows: readonly OfflineTakingRowView[];
  readonly totals: { readonly count: number; readonly taken: number; readonly toReturn: number; readonly kept: number };
}

const M = {
  ja: {
    title: "窓口・郵送での収納（代理入力）",
    intro: "職員が代理入力した申請の手数料を、入力した日（日本時間）・手続・支払方法ごとに示します。不受理・取下げになった申請の分は返還対象です。現金出納簿・定額小為替の受払簿と照合してください。",
    empty: "この期間に代理入力で受け取った手数料はありません。",
    cols: ["日付", "手続", "支払方法", "件数", "収納額", "返還対象", "差引額"],
    total: "合計",
  },
  en: {
    title: "Taken at the counter and by mail (entered by staff)",
    intro: "Fees of the applications staff entered, per day they were entered (Japan time), procedure and way of payment. Those of refused or withdrawn applications are to be returned. Check them against the cash book and the postal money order register.",
    empty: "No fees were taken for entered applications in this period.",
    cols: ["Date", "Procedure", "Paid by", "Count", "Taken", "To return", "Kept"],
    total: "Total",
  },
} as const;

/** S5: the offline takings beside the card settlement; the accountant reconciles them with the cash book. */
export function OfflineTakingsTable({ view, locale, yen }: { readonly view: OfflineTakingsView; readonly locale: Locale; readonly yen: (n: number) => string }) {
  const m = M[locale];
  return (
    <section aria-labelledby="settlement-offline-title" data-testid="settlement-offline">
      <h2 id="settlement-offline-title">{m.title}</h2>
      <p>{m.intro}</p>
      {view.rows.length === 0 ? (
        <p data-testid="settlement-offline-empty">{m.empty}</p>
      ) : (
        <div className="table-scroll">
          <table className="table" data-testid="settlement-offline-table">
            <caption className="visually-hidden">{m.title}</caption>
            <thead>
              <tr>
                {m.cols.map((c, i) => (
                  <th key={c} scope="col" className={i >= 3 ? "num" : undefined}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {view.rows.map((r) => (
                <tr key={`${r.day}|${r.procedureId}|${r.kind}`} data-testid="settlement-offline-row">
                  <td>{r.day}</td>
                  <th scope="row">{r.procedureName}</th>
                  <td>{r.kindLabel}</td>
                  <td className="num">{r.count}</td>
                  <td className="num">{yen(r.taken)}</td>
                  <td className="num">{yen(r.toReturn)}</td>
                  <td className="num">{yen(r.kept)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr data-testid="settlement-offline-total">
                <th scope="row" colSpan={3}>
                  {m.total}
                </th>
                <td className="num">{view.totals.count}</td>
                <td className="num">{yen(view.totals.taken)}</td>
                <td className="num">{yen(view.totals.toReturn)}</td>
                <td className="num">{yen(view.totals.kept)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}
