import { requestJson } from "../../../api.ts";
import { Alert } from "../../../components/alert.tsx";
import { Link } from "../../../components/link.tsx";
import { formatDateTime } from "../../../format.ts";
import { useLoad } from "../../../hooks/use-load.ts";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import { staffDetailPath } from "../../../router.ts";
import type { MoneyDisagreement } from "./money-disagreements.tsx";

/** One row of `GET /api/staff/payments/disagreements`: a disagreement and its application. */
interface ListedDisagreement extends MoneyDisagreement {
  readonly applicationId: string;
  /** Null once the application was deleted at the end of its retention. */
  readonly receiptNumber: string | null;
}

const DETAIL = {
  ja: {
    not_in_books: "台帳にない取引",
    amount_differs: "与信額が異なる",
    captured_differs: "売上確定額が異なる",
    voided_but_captured: "台帳では取消、決済代行では売上確定",
    captured_but_voided: "台帳では売上確定、決済代行では取消",
    invalid_snapshot: "決済代行の応答が読めない",
    gateway_behind_books: "決済代行の記録が台帳より少ない（返金の失敗など）",
  },
  en: {
    not_in_books: "A transaction the books do not have",
    amount_differs: "The authorised amount differs",
    captured_differs: "The captured amount differs",
    voided_but_captured: "Voided in the books, captured at the agent",
    captured_but_voided: "Captured in the books, voided at the agent",
    invalid_snapshot: "The agent's answer could not be read",
    gateway_behind_books: "The agent shows less than the books (a refund that failed, …)",
  },
} as const;

const M = {
  ja: {
    heading: "決済代行の記録と台帳の不一致（過去 90 日）",
    help: "定期照会（毎時）と決済代行からの通知で見つかったものです。決済代行の管理画面で与信IDを確認して対応してください。台帳は自動では変更しません。",
    none: "不一致はありません。",
    cols: ["見つけた日時", "受付番号", "与信ID", "内容", "経路"],
    via: { sweep: "定期照会", webhook: "通知" } as Record<string, string>,
    deleted: "（保存期間の終了により削除済み）",
  },
  en: {
    heading: "Disagreements between the payment agent and the books (last 90 days)",
    help: "Found by the hourly sweep and the agent's notifications. Check the authorisation id in the agent's dashboard and act there; the books are never changed automatically.",
    none: "No disagreement.",
    cols: ["Found", "Receipt number", "Authorisation id", "What", "Found by"],
    via: { sweep: "Hourly sweep", webhook: "Notification" } as Record<string, string>,
    deleted: "(deleted at the end of its retention)",
  },
} as const;

/**
 * Every disagreement with the payment agent across applications (ADR 27), for the accountant who watches the money
 * rather than single applications: each links to its application, whose money panel says the same.
 */
export function PaymentDisagreementList() {
  const { locale } = useI18n();
  const m = M[locale];
  const listed = useLoad((signal) => requestJson<{ readonly items: readonly ListedDisagreement[] }>("GET", "/api/staff/payments/disagreements", { locale, signal }), `disagreements-${locale}`);
  return (
    <section aria-labelledby="payment-disagreements-heading" data-testid="payment-disagreements">
      <h2 id="payment-disagreements-heading">{m.heading}</h2>
      {listed.state.kind === "error" && (
        <Alert kind="error">
          <p>{listed.state.error.message ?? String(listed.state.error.status)}</p>
        </Alert>
      )}
      {listed.state.kind === "ok" && listed.state.data.items.length === 0 && <p data-testid="payment-disagreements-none">{m.none}</p>}
      {listed.state.kind === "ok" && listed.state.data.items.length > 0 && (
        <>
          <p>{m.help}</p>
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">{m.heading}</caption>
              <thead>
                <tr>
                  {m.cols.map((c) => (
                    <th key={c} scope="col">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {listed.state.data.items.map((d) => (
                  <tr key={`${d.applicationId}|${d.authorizationId}|${d.detail}`} data-testid="payment-disagreement-row">
                    <td>
                      <time dateTime={d.at}>{formatDateTime(d.at, locale)}</time>
                    </td>
                    <th scope="row">{d.receiptNumber === null ? m.deleted : <Link href={staffDetailPath(d.applicationId)}>{d.receiptNumber}</Link>}</th>
                    <td>{d.authorizationId}</td>
                    <td>{DETAIL[locale][d.detail as keyof (typeof DETAIL)["ja"]] ?? d.detail}</td>
                    <td>{m.via[d.via] ?? d.via}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
