import type { ReactNode, RefObject } from "react";
import { Alert } from "../../components/alert.tsx";
import { formatYen } from "../../format.ts";
import { useI18n } from "../../i18n/i18n-context.tsx";
import { CardFields, ChallengeFrame } from "../../payments/card-fields.tsx";
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
 * Step 4, 支払い: the total and the gateway's card form ({@link CardFields}: the sandbox's hosted fields or
 * Stripe Elements). Card data stays inside the gateway's iframes (its own origin); the page only receives a
 * single-use token.
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
  /** Changing it gives a fresh card form (after a decline: tokens are single-use). */
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
  const pm = paymentMessages(locale);
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
          <ChallengeFrame url={state.url} onComplete={() => onChallengeComplete?.()} title={pm.challengeFrameTitle} testId="challenge-frame" />
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
      <div hidden={state.kind === "challenge"}>
        <CardFields
          generation={frameGeneration}
          busy={state.kind === "submitting" || state.kind === "retryable"}
          onToken={onToken}
          onCardError={onCardError}
          action="pay"
          title={t.pay.frameTitle}
          testId="payment-frame"
        />
      </div>
    </section>
  );
}
