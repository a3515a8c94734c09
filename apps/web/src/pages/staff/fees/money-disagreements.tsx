import type { Locale } from "../../../i18n/locale.ts";
import { Alert } from "../../../components/alert.tsx";
import { formatDateTime } from "../../../format.ts";

/** A disagreement between the payment agent and the books, as the money view sends it (ADR 27). */
export interface MoneyDisagreement {
  readonly at: string;
  readonly authorizationId: string;
  readonly detail: string;
  readonly via: string;
}

const M = {
  ja: {
    heading: "決済代行の記録と台帳が一致しません",
    help: "決済代行の管理画面でこの取引（与信ID）を確認し、必要な対応（再度の返金など）をしてください。台帳は自動では変更していません。",
    line: (at: string, id: string) => `${at} 与信ID ${id}`,
  },
  en: {
    heading: "The payment agent's records and the books disagree",
    help: "Check this transaction (authorisation id) in the payment agent's dashboard and act there (for example, refund again). The books were not changed automatically.",
    line: (at: string, id: string) => `${at} authorisation ${id}`,
  },
} as const;

/**
 * What the sweep or a webhook found the payment agent disagreeing with the books about — a refund that failed after
 * it was accepted, a capture of a hold the books say was voided. Nothing when there is none: staff are alarmed only
 * when they must act.
 */
export function MoneyDisagreements({ disagreements, locale }: { readonly disagreements: readonly MoneyDisagreement[]; readonly locale: Locale }) {
  if (disagreements.length === 0) return null;
  const m = M[locale];
  return (
    <Alert kind="error" testId="money-disagreements">
      <p>
        <strong>{m.heading}</strong>
      </p>
      <ul>
        {disagreements.map((d) => (
          <li key={`${d.authorizationId}-${d.detail}`}>{m.line(formatDateTime(d.at, locale), d.authorizationId)}</li>
        ))}
      </ul>
      <p>{m.help}</p>
    </Alert>
  );
}
