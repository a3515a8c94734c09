import { useEffect, useRef, useState } from "react";
import type { Stripe, StripeCardElement } from "@stripe/stripe-js";
import type { AppConfig } from "../api-types.ts";
import { useConfig } from "../app-context.tsx";
import { Alert } from "../components/alert.tsx";
import { useI18n } from "../i18n/i18n-context.tsx";
import { challengeSrc, hostedFieldsSrc, readSandboxMessage } from "../pages/apply/payment-frame.ts";
import { AcceptedCardBrands } from "./accepted-card-brands.tsx";
import { cardFieldsMessages } from "./card-fields-messages.ts";
import { loadStripeJs, stripeFor } from "./stripe-js.ts";
import { isStripeChallengeComplete } from "./stripe-messages.ts";

type SandboxConfig = Extract<AppConfig["payment"], { kind: "sandbox" }>;
type StripeConfig = Extract<AppConfig["payment"], { kind: "stripe" }>;

/** What a page gives the card form; the gateway (sandbox or Stripe) is the deployment's. */
export interface CardFieldsProps {
  /** Changing it gives a fresh, empty form: card tokens are single-use (after a decline, another card). */
  readonly generation: number;
  /** A payment or a save is under way: the form is dimmed and cannot send again. */
  readonly busy: boolean;
  /** The gateway's single-use token for the card (sandbox `tok_…`, Stripe `pm_…`): send it to our server. */
  readonly onToken: (token: string) => void;
  /** The gateway refused the card before any token (shown in its fields too). */
  readonly onCardError: (code: string) => void;
  /** What the button does, where the page owns it (Stripe Elements has no button of its own). */
  readonly action: "pay" | "save";
  /** The accessible name of the card form. */
  readonly title: string;
  /** `data-testid` of the sandbox's iframe or of Stripe's form. */
  readonly testId: string;
}

/**
 * The card form, whatever the gateway: the card number, expiry and security code are typed into the
 * gateway's own iframes and never reach our page's code or our server (PCI DSS SAQ A, ADR 8 and 28).
 * The page receives only a single-use token. Used by the payment step, the saved-card settings and the
 * status page's payment of what is due.
 */
export function CardFields(props: CardFieldsProps) {
  const config = useConfig();
  // The accepted brands come first: the resident knows which card to take out before typing.
  return (
    <>
      <AcceptedCardBrands />
      {config.payment.kind === "stripe" ? <StripeCardFields config={config.payment} {...props} /> : <SandboxCardFields config={config.payment} {...props} />}
    </>
  );
}

/** The sandbox's hosted fields: its iframe has its own button and posts the token to us (ADR 8). */
function SandboxCardFields({ config, generation, busy, onToken, onCardError, title, testId }: CardFieldsProps & { readonly config: SandboxConfig }) {
  const { locale } = useI18n();
  const frameRef = useRef<HTMLIFrameElement | null>(null);
  const handlers = useRef({ onToken, onCardError });
  handlers.current = { onToken, onCardError };

  useEffect(() => {
    const listener = (event: MessageEvent) => {
      const message = readSandboxMessage(event, config.origin);
      // Also require our own iframe as the sender: another frame of the gateway's origin cannot pose as it.
      if (message === null || event.source !== frameRef.current?.contentWindow) return;
      if (message.type === "madoguchi-sandbox:token") handlers.current.onToken(message.token);
      else if (message.type === "madoguchi-sandbox:error") handlers.current.onCardError(message.code);
    };
    window.addEventListener("message", listener);
    return () => window.removeEventListener("message", listener);
  }, [config.origin]);

  return (
    <div className={busy ? "payment-frame payment-frame--busy" : "payment-frame"}>
      <iframe
        key={`${generation}-${locale}`}
        ref={frameRef}
        src={hostedFieldsSrc(config.hostedFieldsUrl, window.location.origin, locale)}
        title={title}
        data-testid={testId}
        className="payment-frame__iframe"
      />
    </div>
  );
}

type Mounted = { readonly stripe: Stripe; readonly card: StripeCardElement };

/**
 * Stripe Elements: Stripe.js mounts the card element (Stripe's iframes, Stripe's origin) in our form;
 * our button asks Stripe.js for a PaymentMethod, which it creates from Stripe's origin with the
 * publishable key. Only its `pm_…` id comes back to the page.
 */
function StripeCardFields({ config, generation, busy, onToken, onCardError, action, title, testId }: CardFieldsProps & { readonly config: StripeConfig }) {
  const { locale } = useI18n();
  const m = cardFieldsMessages(locale);
  const mountRef = useRef<HTMLDivElement | null>(null);
  const mounted = useRef<Mounted | null>(null);
  const [status, setStatus] = useState<"loading" | "ready" | "unavailable">("loading");
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const handlers = useRef({ onToken, onCardError });
  handlers.current = { onToken, onCardError };

  useEffect(() => {
    let cancelled = false;
    let card: StripeCardElement | null = null;
    setStatus("loading");
    setError(null);
    loadStripeJs(config.stripeJsUrl).then(
      (factory) => {
        const target = mountRef.current;
        if (cancelled || target === null) return;
        const stripe = stripeFor(factory, config.publishableKey);
        card = stripe.elements({ locale }).create("card", { hidePostalCode: true });
        card.on("change", (event) => setError(event.error === undefined ? null : event.error.message));
        card.mount(target);
        mounted.current = { stripe, card };
        setStatus("ready");
      },
      () => {
        if (!cancelled) setStatus("unavailable");
      },
    );
    return () => {
      cancelled = true;
      card?.destroy();
      mounted.current = null;
    };
  }, [config.stripeJsUrl, config.publishableKey, locale, generation]);

  const submit = async () => {
    const current = mounted.current;
    if (current === null || busy || creating) return;
    setCreating(true);
    const result = await current.stripe.createPaymentMethod({ type: "card", card: current.card });
    setCreating(false);
    if (result.error !== undefined) {
      setError(result.error.message ?? m.cardError);
      handlers.current.onCardError(result.error.code ?? result.error.type);
      return;
    }
    handlers.current.onToken(result.paymentMethod.id);
  };

  return (
    <form
      className={busy || creating ? "payment-frame payment-frame--busy stripe-card" : "payment-frame stripe-card"}
      aria-label={title}
      data-testid={testId}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <p className="stripe-card__label">{m.fieldsLabel}</p>
      <div ref={mountRef} className="stripe-card__element" />
      {status === "loading" && <p role="status">{m.loading}</p>}
      {status === "unavailable" && (
        <Alert kind="error" testId="card-fields-unavailable">
          <p>{m.unavailable}</p>
        </Alert>
      )}
      {error !== null && (
        <p className="field-error" role="alert" data-testid="card-fields-error">
          {error}
        </p>
      )}
      {creating && <p role="status">{m.sending}</p>}
      <div className="actions">
        <button type="submit" className="button" data-testid="card-fields-submit" disabled={status !== "ready" || busy || creating}>
          {action === "pay" ? m.pay : m.save}
        </button>
      </div>
    </form>
  );
}

/**
 * The issuer's EMV 3-D Secure page in a frame; `onComplete` when it is done — then the page sends the
 * same submission again and the server reads the outcome from the gateway (ADR 27, 28).
 * - sandbox: its page is told our origin and posts `madoguchi-sandbox:challenge-complete` from the gateway's origin;
 * - Stripe: Stripe's page (hooks.stripe.com) sends the frame to our return page (return_url), which
 *   posts `madoguchi-stripe:3ds-complete` from our own origin (Stripe's "3D Secure in an iframe").
 * Either message counts only from this very frame.
 */
export function ChallengeFrame({ url, onComplete, title, testId }: { readonly url: string; readonly onComplete: () => void; readonly title: string; readonly testId: string }) {
  const { locale } = useI18n();
  const config = useConfig();
  const frameRef = useRef<HTMLIFrameElement | null>(null);
  const complete = useRef(onComplete);
  complete.current = onComplete;
  const payment = config.payment;

  useEffect(() => {
    const listener = (event: MessageEvent) => {
      if (event.source !== frameRef.current?.contentWindow) return;
      const done =
        payment.kind === "stripe"
          ? isStripeChallengeComplete(event, payment.threeDSecureReturnOrigin)
          : readSandboxMessage(event, payment.origin)?.type === "madoguchi-sandbox:challenge-complete";
      if (done) complete.current();
    };
    window.addEventListener("message", listener);
    return () => window.removeEventListener("message", listener);
  }, [payment]);

  // Stripe's URL is used as given; the sandbox's page is told our origin and the language.
  const src = payment.kind === "stripe" ? url : challengeSrc(url, window.location.origin, locale);
  return (
    <div className="payment-frame">
      <iframe ref={frameRef} src={src} title={title} data-testid={testId} className="payment-frame__iframe" />
    </div>
  );
}
