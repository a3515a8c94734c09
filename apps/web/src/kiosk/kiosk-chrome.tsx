import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from "react";
import { Link } from "../components/link.tsx";
import { PageTitle } from "../components/page-title.tsx";
import { usePageTitle } from "../hooks/use-document-title.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { accountApi } from "../pages/account/account-api.ts";
import { spokenSeconds } from "./kiosk-idle.ts";
import { kioskMessages, type KioskMessages } from "./kiosk-messages.ts";
import { localStore, sessionStore, startOver } from "./kiosk-mode.ts";
import { useKioskIdle } from "./use-kiosk.ts";

/**
 * What every page shows in kiosk mode (R11): the 「はじめから」 bar, and the idle warning. Both end in
 * {@link startOver}: storage wiped, a resident logged out, `/kiosk` loaded afresh.
 */
export function KioskChrome() {
  const { locale } = useI18n();
  const m = kioskMessages(locale);
  const [leaving, setLeaving] = useState(false);
  const restart = useCallback(() => {
    setLeaving(true);
    void startOver({
      session: sessionStore(),
      local: localStore(),
      logout: () => accountApi(locale).logout(),
      go: (path) => window.location.assign(path),
    });
  }, [locale]);
  const idle = useKioskIdle(!leaving);
  useEffect(() => {
    if (idle.output.kind === "reset") restart();
  }, [idle.output.kind, restart]);

  return (
    <>
      <div className="kiosk-bar" role="region" aria-label={m.barLabel}>
        <div className="kiosk-bar__inner">
          <p className="kiosk-bar__note">{m.barNote}</p>
          <button
            type="button"
            className="button button--warning kiosk-bar__start-over"
            data-testid="kiosk-start-over"
            aria-disabled={leaving}
            onClick={() => {
              if (!leaving) restart();
            }}
          >
            {m.startOver}
          </button>
        </div>
      </div>
      {idle.output.kind === "warning" && <KioskIdleWarning messages={m} secondsLeft={idle.output.secondsLeft} onContinue={idle.keepGoing} />}
    </>
  );
}

/**
 * The countdown before the reset: an alert dialog that takes focus (on 「続ける」, so Enter keeps the session) and
 * gives it back. Tab stays on its one button. The seconds are spoken every ten, then each of the last five.
 */
export function KioskIdleWarning({
  messages: m,
  secondsLeft,
  onContinue,
}: {
  readonly messages: KioskMessages;
  readonly secondsLeft: number;
  readonly onContinue: () => void;
}) {
  const button = useRef<HTMLButtonElement | null>(null);
  useEffect(() => {
    const before = document.activeElement;
    button.current?.focus();
    return () => {
      if (before instanceof HTMLElement && before.isConnected) before.focus({ preventScroll: true });
    };
  }, []);
  const keepFocus = (event: KeyboardEvent) => {
    if (event.key !== "Tab") return;
    event.preventDefault();
    button.current?.focus();
  };
  return (
    <div className="kiosk-idle">
      <div
        className="kiosk-idle__dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="kiosk-idle-heading"
        aria-describedby="kiosk-idle-message"
        data-testid="kiosk-idle-warning"
        onKeyDown={keepFocus}
      >
        <h2 id="kiosk-idle-heading">{m.idleHeading}</h2>
        <p id="kiosk-idle-message">{m.idleMessage}</p>
        <p className="kiosk-idle__countdown" aria-hidden="true">
          {m.secondsLeft(secondsLeft)}
        </p>
        <p className="visually-hidden" aria-live="polite" aria-atomic="true">
          {m.secondsLeft(spokenSeconds(secondsLeft))}
        </p>
        <button type="button" className="button kiosk-idle__continue" data-testid="kiosk-continue" ref={button} onClick={onContinue}>
          {m.continue}
        </button>
      </div>
    </div>
  );
}

/** The line for residents without a My Number Card, above the procedures. */
export function KioskNoCard({ messages: m }: { readonly messages: KioskMessages }) {
  return (
    <p className="alert alert--info kiosk-no-card" data-testid="kiosk-no-card">
      {m.noCard}
    </p>
  );
}

/** The badge on a procedure that needs the card's signature. */
export function KioskCardBadge({ messages: m }: { readonly messages: KioskMessages }) {
  return (
    <p className="kiosk-badge" data-testid="kiosk-card-required">
      {m.cardRequired}
    </p>
  );
}

/** The QR code's address on the server (apps/server kiosk-routes.ts): an SVG of the portal's address. */
export const KIOSK_QR_SRC = "/api/kiosk/portal-qr.svg";

/** 「次回はご自宅から」: the portal's address as text and as a QR code. */
export function KioskNextTime({ messages: m, address }: { readonly messages: KioskMessages; readonly address: string }) {
  return (
    <section className="card kiosk-next-time" data-testid="kiosk-next-time" aria-labelledby="kiosk-next-time-heading">
      <div className="kiosk-next-time__text">
        <h2 id="kiosk-next-time-heading">{m.nextTimeHeading}</h2>
        <p>{m.nextTimeBody}</p>
        <p className="kiosk-next-time__address">
          {m.addressLabel}: <span translate="no">{address}</span>
        </p>
      </div>
      <img className="kiosk-next-time__qr" src={KIOSK_QR_SRC} alt={m.qrAlt} width={176} height={176} />
    </section>
  );
}

/** An account page in kiosk mode: not on a shared terminal (a login would outlive the resident at it). */
export function KioskAccountPage() {
  const { locale } = useI18n();
  const m = kioskMessages(locale);
  usePageTitle(m.accountTitle);
  return (
    <>
      <PageTitle>{m.accountTitle}</PageTitle>
      <p>{m.accountBody}</p>
      <Link href="/" className="button">
        {m.toProcedures}
      </Link>
    </>
  );
}
