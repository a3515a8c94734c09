import { useEffect, useRef, useState } from "react";
import { Alert } from "../../components/alert.tsx";
import { FeeTable } from "../../components/fee-table.tsx";
import { formatYen } from "../../format.ts";
import { useI18n } from "../../i18n/i18n-context.tsx";
import { CardFields, ChallengeFrame } from "../../payments/card-fields.tsx";
import { paymentCardApi } from "../account/payment-card-api.ts";
import { paymentMessages, savedCardLabel, type SavedCardView } from "../apply/payment-messages.ts";
import type { PaymentState } from "../apply/payment-step.tsx";
import { payDueApi, type AmountDue, type DuePayment } from "./pay-due-api.ts";
import { payDueMessages } from "./pay-due-messages.ts";

// The same states as the payment step: the card form, the 3-D Secure frame and the answers behave alike.

type Credentials = { readonly receiptNumber: string; readonly accessSecret: string };

/**
 * The status page's payment of what is due (ADR 26): the whole fee of a 事後決済 application once staff
 * fixed it, or the difference after a fee change. Shows the amount with the fee breakdown, the card fields
 * of the deployment's gateway (card data never reaches our page or server), the logged-in resident's saved
 * card, and the issuer's 3-D Secure page when the card asks for it. Nothing shows when nothing is due.
 */
export function PayDueSection({ credentials, status }: { readonly credentials: Credentials; readonly status: string }) {
  const { t, locale } = useI18n();
  const m = payDueMessages(locale);
  const pm = paymentMessages(locale);
  const api = payDueApi(locale);
  const [due, setDue] = useState<AmountDue | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [state, setState] = useState<PaymentState>({ kind: "ready" });
  const [generation, setGeneration] = useState(0);
  const [paidNotice, setPaidNotice] = useState<string | null>(null);
  const [savedCard, setSavedCard] = useState<SavedCardView | null>(null);
  // What the last attempt paid with: a retry, or the return from the challenge, sends exactly it again.
  const last = useRef<DuePayment | null>(null);
  const busy = useRef(false);
  const closed = status === "rejected" || status === "withdrawn" || status === "completed";

  useEffect(() => {
    if (closed) return;
    const controller = new AbortController();
    void payDueApi(locale)
      .amountDue(credentials, controller.signal)
      .then((result) => {
        if (controller.signal.aborted) return;
        if (result.ok) {
          setDue(result.data);
          setLoadError(null);
        } else {
          setLoadError(result.error.message ?? m.loadFailed);
        }
      });
    return () => controller.abort();
  }, [credentials, locale, reload, closed]);

  // R6: a logged-in resident's saved card is offered (none when not logged in: the call answers 401).
  const owing = due !== null && due.pendingDifference > 0;
  useEffect(() => {
    if (!owing) return;
    const controller = new AbortController();
    void paymentCardApi(locale)
      .get(controller.signal)
      .then((result) => setSavedCard(result.ok ? result.data.card : null));
    return () => controller.abort();
  }, [owing, locale]);

  const messageFor = (status: number, message: string | null): string => message ?? (status === 0 ? t.meta.networkError : t.meta.unexpectedError);

  const pay = async (payment: DuePayment) => {
    if (busy.current || due === null) return;
    busy.current = true;
    last.current = payment;
    setState({ kind: "submitting" });
    const amount = due.pendingDifference;
    const result = await api.pay(credentials, payment);
    busy.current = false;
    if (result.ok) {
      last.current = null;
      setState({ kind: "ready" });
      setPaidNotice(m.paid(formatYen(result.data.authorized || amount, locale), `${pm.brand[result.data.brand] ?? result.data.brand} ${result.data.last4}`));
      setReload((r) => r + 1);
      return;
    }
    const { error } = result;
    const message = messageFor(error.status, error.message);
    if (error.status === 402 && error.code === "payment.challenge_required" && error.challengeUrl !== undefined) {
      setState({ kind: "challenge", url: error.challengeUrl });
      return;
    }
    if (error.status === 0 || error.status >= 500) {
      setState({ kind: "retryable", message });
      return;
    }
    // Declined, a failed challenge, a refused card or a changed amount: nothing was charged; another card
    // is a new attempt (tokens are single-use: a fresh form), and the amount is read again.
    last.current = null;
    setGeneration((g) => g + 1);
    setState(error.status === 402 ? { kind: "declined", message } : { kind: "failed", message });
    if (error.status === 409) setReload((r) => r + 1);
  };

  const again = () => {
    if (last.current !== null) void pay(last.current);
  };

  if (closed && paidNotice === null) return null;
  if (loadError !== null) {
    return (
      <Alert kind="error" testId="pay-due-error">
        <p>{loadError}</p>
      </Alert>
    );
  }
  if (due === null) return null;
  const waiting = !due.feeFixed && due.paymentTiming === "after_assessment";
  if (!waiting && !owing && paidNotice === null) return null;

  return (
    <section aria-labelledby="pay-due-heading" data-testid="pay-due">
      <h2 id="pay-due-heading">{m.heading}</h2>
      {paidNotice !== null && (
        <Alert kind="success" testId="pay-due-paid">
          <p>{paidNotice}</p>
        </Alert>
      )}
      {waiting && <p data-testid="pay-due-not-fixed">{m.notFixed}</p>}
      {owing && (
        <>
          <p>{due.paymentTiming === "after_assessment" && due.paid === 0 ? m.introFixed : m.introDifference}</p>
          <p className="pay-total">
            <span className="pay-total__label">{m.amountLabel}</span>
            <span className="pay-total__amount" data-testid="pay-due-amount">
              {formatYen(due.pendingDifference, locale)}
            </span>
          </p>
          {due.paid > 0 && <p data-testid="pay-due-paid-so-far">{m.paidSoFar(formatYen(due.paid, locale))}</p>}
          <h3>{m.feeHeading}</h3>
          <div data-testid="pay-due-fee">
            <FeeTable fee={due.fee} />
          </div>
          {state.kind === "submitting" && (
            <p className="loading" role="status">
              <span className="loading__spinner" aria-hidden="true" />
              {m.paying}
            </p>
          )}
          {(state.kind === "declined" || state.kind === "cardError" || state.kind === "failed") && (
            <Alert kind="error" testId="pay-due-failed">
              <p>{state.message}</p>
              {state.kind === "declined" && <p>{m.tryAnotherCard}</p>}
            </Alert>
          )}
          {state.kind === "retryable" && (
            <Alert kind="error" testId="pay-due-failed">
              <p>{state.message}</p>
              <button type="button" className="button" data-testid="pay-due-retry" onClick={again}>
                {m.retry}
              </button>
            </Alert>
          )}
          {state.kind === "challenge" && (
            <section aria-labelledby="pay-due-challenge-heading" data-testid="pay-due-challenge">
              <h3 id="pay-due-challenge-heading">{pm.challengeHeading}</h3>
              <p>{m.challengeIntro}</p>
              <ChallengeFrame url={state.url} onComplete={again} title={pm.challengeFrameTitle} testId="pay-due-challenge-frame" />
            </section>
          )}
          {savedCard !== null && state.kind !== "challenge" && (
            <section aria-labelledby="pay-due-saved-heading" data-testid="pay-due-saved-card">
              <h3 id="pay-due-saved-heading">{pm.savedCardHeading}</h3>
              <div className="actions">
                <button type="button" className="button" data-testid="pay-due-with-saved-card" disabled={state.kind === "submitting"} onClick={() => void pay({ savedCardId: savedCard.id })}>
                  {pm.savedCardPay(savedCardLabel(locale, savedCard))}
                </button>
              </div>
              <p>{pm.orNewCard}</p>
            </section>
          )}
          <div hidden={state.kind === "challenge"}>
            <p>{m.cardIntro}</p>
            <CardFields
              generation={generation}
              busy={state.kind === "submitting" || state.kind === "retryable"}
              onToken={(token) => void pay({ token })}
              onCardError={() => {
                if (!busy.current) setState({ kind: "cardError", message: m.cardError });
              }}
              action="pay"
              title={m.frameTitle}
              testId="pay-due-frame"
            />
          </div>
        </>
      )}
    </section>
  );
}
