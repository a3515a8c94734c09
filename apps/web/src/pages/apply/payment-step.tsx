import { useEffect, useRef, type ReactNode, type RefObject } from "react";
import { useConfig } from "../../app-context.tsx";
import { Alert } from "../../components/alert.tsx";
import { formatYen } from "../../format.ts";
import { useI18n } from "../../i18n/i18n-context.tsx";
import { hostedFieldsSrc, readSandboxMessage } from "./payment-frame.ts";

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
  | { readonly kind: "failed"; readonly message: string };

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
}) {
  const { t, locale } = useI18n();
  const config = useConfig();
  const frameRef = useRef<HTMLIFrameElement | null>(null);
  const handlers = useRef({ onToken, onCardError });
  handlers.current = { onToken, onCardError };

  useEffect(() => {
    const listener = (event: MessageEvent) => {
      const message = readSandboxMessage(event, config.payment.origin);
      // Also require our own iframe as the sender: another frame of the gateway's origin cannot pose as it.
      if (message === null || event.source !== frameRef.current?.contentWindow) return;
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
      <div className={state.kind === "submitting" || state.kind === "retryable" ? "payment-frame payment-frame--busy" : "payment-frame"}>
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
