import { useEffect, useRef, type ReactNode, type RefObject } from "react";
import { useConfig } from "../../app-context.tsx";
import { Alert } from "../../components/alert.tsx";
import { formatYen } from "../../format.ts";
import { useI18n } from "../../i18n/i18n-context.tsx";
import { challengeSrc, hostedFieldsSrc, readSandboxMessage } from "./payment-frame.ts";
import { paymentMessages, savedCardLabel, type SavedCardView } from "./payment-messages.ts";

/** What the payment step shows besides the card form. */
export type PaymentState =
  | { readonly kind: "ready" }
  | { readonly kind: "submitting" }
  /** The card was declined or rejected: a new card can be entered (the iframe was reloaded). */
  | { readonly kind: "declined"; readonly message: string }
  /** The card form reported a problem (shown inside the iframe too). */
  | { readonly kind: "cardError"; readonly message: string }
  /** No (usable) answer: sending again with the same token and submission key is safe. */
  | { readonly kind: "retryable"; readonly message: string }
  /** Something the resident cannot fix here. */
  | { readonly kind: "failed"; readonly message: string }
  /** EMV 3-D Secure: the issuer's page (the gateway's origin) in a frame; after it the same submission is sent again. */
  | { readonly kind: "challenge"; readonly url: string };

/**
 * Step 4, 支払い: the total and the gateway's hosted card form in an iframe. Card data stays inside the
 * iframe (its own origin); the page only receives a single-use token by `postMessage`.
 */
export function PaymentStep({
  total,
  frameGeneration,
  state,
  onToken,
  onCardError,
  onRetry,
  headingRef,
  notice,
  savedCard = null,
  onSavedCard,
  onChallengeComplete,
}: {
  readonly total: number;
  /** Changing it reloads the iframe (a fresh card form after a decline). */
  readonly frameGeneration: number;
  readonly state: PaymentState;
  readonly onToken: (token: string) => void;
  readonly onCardError: (code: string) => void;
  readonly onRetry: () => void;
  readonly headingRef: RefObject<HTMLHeadingElement | null>;
  /** Shown under the heading (where the signed application and the certificate differ). */
  readonly notice?: ReactNode;
  /** The logged-in resident's saved card (R6): paid with one button, without entering it again. */
  readonly savedCard?: SavedCardView | null;
  readonly onSavedCard?: (cardId: string) => void;
  /** The issuer's challenge page said it is done. */
  readonly onChallengeComplete?: () => void;
}) {
  const { t, locale } = useI18n();
  const config = useConfig();
  const frameRef = useRef<HTMLIFrameElement | null>(null);
  const challengeRef = useRef<HTMLIFrameElement | null>(null);
  const handlers = useRef({ onToken, onCardError, onChallengeComplete });
  handlers.current = { onToken, onCardError, onChallengeComplete };
  const pm = paymentMessages(locale);

  useEffect(() => {
    const listener = (event: MessageEvent) => {
      const message = readSandboxMessage(event, config.payment.origin);
      // Also require our own iframe as the sender: another frame of the gateway's origin cannot pose as it.
      if (message === null) return;
      if (message.type === "madoguchi-sandbox:challenge-complete") {
        if (event.source === challengeRef.current?.contentWindow) handlers.current.onChallengeComplete?.();
        return;
      }
      if (event.source !== frameRef.current?.contentWindow) return;
      if (message.type === "madoguchi-sandbox:token") handlers.current.onToken(message.token);
      else handlers.current.onCardError(message.code);
    };
    window.addEventListener("message", listener);
    return () => window.removeEventListener("message", listener);
  }, [config.payment.origin]);

  const src = hostedFieldsSrc(config.payment.hostedFieldsUrl, window.location.origin, locale);
  return (
    <section aria-labelledby="step-heading">
      <h2 id="step-heading" tabIndex={-1} ref={headingRef}>
        {t.pay.stepHeading}
      </h2>
      {notice}
      <p>{t.pay.intro}</p>
      <p className="pay-total">
        <span className="pay-total__label">{t.pay.totalLabel}</span>
        <span className="pay-total__amount" data-testid="pay-total">
          {formatYen(total, locale)}
        </span>
      </p>
      {state.kind === "submitting" && (
        <p className="loading" role="status">
          <span className="loading__spinner" aria-hidden="true" />
          {t.pay.submitting}
        </p>
      )}
      {(state.kind === "declined" || state.kind === "cardError" || state.kind === "failed") && (
        <Alert kind="error" testId="payment-error">
          <p>{state.message}</p>
          {state.kind === "declined" && <p>{t.pay.tryAnotherCard}</p>}
        </Alert>
      )}
      {state.kind === "retryable" && (
        <Alert kind="error" testId="payment-error">
          <p>{state.message}</p>
          <button type="button" className="button" data-testid="payment-retry" onClick={onRetry}>
            {t.pay.retry}
          </button>
        </Alert>
      )}
      {state.kind === "challenge" && (
        <section aria-labelledby="challenge-heading" data-testid="payment-challenge">
          <h3 id="challenge-heading">{pm.challengeHeading}</h3>
          <p>{pm.challengeIntro}</p>
          <div className="payment-frame">
            <iframe
              ref={challengeRef}
              src={challengeSrc(state.url, window.location.origin, locale)}
              title={pm.challengeFrameTitle}
              data-testid="challenge-frame"
              className="payment-frame__iframe"
            />
          </div>
        </section>
      )}
      {savedCard !== null && onSavedCard !== undefined && state.kind !== "challenge" && (
        <section aria-labelledby="saved-card-heading" data-testid="saved-card">
          <h3 id="saved-card-heading">{pm.savedCardHeading}</h3>
          <div className="actions">
            <button
              type="button"
              className="button"
              data-testid="pay-with-saved-card"
              disabled={state.kind === "submitting"}
              onClick={() => onSavedCard(savedCard.id)}
            >
              {pm.savedCardPay(savedCardLabel(locale, savedCard))}
            </button>
          </div>
          <p>{pm.orNewCard}</p>
        </section>
      )}
      <div
        hidden={state.kind === "challenge"}
        className={state.kind === "submitting" || state.kind === "retryable" ? "payment-frame payment-frame--busy" : "payment-frame"}
      >
        <iframe
          key={`${frameGeneration}-${locale}`}
          ref={frameRef}
          src={src}
          title={t.pay.frameTitle}
          data-testid="payment-frame"
          className="payment-frame__iframe"
        />
      </div>
    </section>
  );
}
