import type { RefObject } from "react";
import { Alert } from "../../components/alert.tsx";
import { formatYen } from "../../format.ts";
import { useI18n } from "../../i18n/i18n-context.tsx";
import type { Locale } from "../../i18n/locale.ts";
import type { PaymentState } from "./payment-step.tsx";

const MESSAGES = {
  ja: {
    heading: "お支払いについて",
    later: "金額は職員が確定した後にお支払いいただきます。",
    why: "この手続きは、必要な通数を市で戸籍を調べた後に確定します（事後決済）。いまカード情報を入力する必要はありません。金額が確定しましたらメールでお知らせしますので、申請状況の確認ページからお支払いください。",
    estimateLabel: "見込みの金額（確定前）",
    send: "申請を送信する",
    sending: "申請を送信しています。画面を閉じずにお待ちください…",
  },
  en: {
    heading: "About the payment",
    later: "You pay once our staff have fixed the amount.",
    why: "For this procedure the number of copies is fixed after we have searched the registers (pay after assessment). You do not enter a card now. We will email you when the amount is fixed; then pay on the application status page.",
    estimateLabel: "Estimated amount (not yet fixed)",
    send: "Send the application",
    sending: "Sending the application. Please keep this page open…",
  },
} as const;

/** The texts in `locale`. */
export const deferredPaymentMessages = (locale: Locale) => MESSAGES[locale];

/**
 * The payment step of a 事後決済 procedure (`after_assessment`, ADR 26): no card is asked for. It says that
 * the amount is paid once staff fix it, shows the estimate, and sends the application without a payment.
 */
export function DeferredPaymentStep({
  estimate,
  state,
  onSubmit,
  headingRef,
}: {
  readonly estimate: number;
  readonly state: PaymentState;
  readonly onSubmit: () => void;
  readonly headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const { locale } = useI18n();
  const m = deferredPaymentMessages(locale);
  const sending = state.kind === "submitting";
  return (
    <section aria-labelledby="step-heading" data-testid="deferred-payment">
      <h2 id="step-heading" tabIndex={-1} ref={headingRef}>
        {m.heading}
      </h2>
      <p>
        <strong data-testid="deferred-payment-later">{m.later}</strong>
      </p>
      <p>{m.why}</p>
      <p className="pay-total">
        <span className="pay-total__label">{m.estimateLabel}</span>
        <span className="pay-total__amount" data-testid="deferred-payment-estimate">
          {formatYen(estimate, locale)}
        </span>
      </p>
      {sending && (
        <p className="loading" role="status">
          <span className="loading__spinner" aria-hidden="true" />
          {m.sending}
        </p>
      )}
      {(state.kind === "declined" || state.kind === "cardError" || state.kind === "failed" || state.kind === "retryable") && (
        <Alert kind="error" testId="payment-error">
          <p>{state.message}</p>
        </Alert>
      )}
      <div className="actions">
        <button type="button" className="button" data-testid="deferred-submit" aria-disabled={sending || undefined} onClick={() => (sending ? undefined : onSubmit())}>
          {m.send}
        </button>
      </div>
    </section>
  );
}
