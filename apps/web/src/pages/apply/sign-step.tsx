import { useEffect, useState, type ReactNode, type RefObject } from "react";
import type { PrepareBody } from "../../api-types.ts";
import { parseApiError, type ApiError } from "../../api-result.ts";
import { Alert } from "../../components/alert.tsx";
import { useI18n } from "../../i18n/i18n-context.tsx";
import { canResumeAfterApp } from "./app-signature-resume.ts";
import { CardPasswordForm } from "./card-password-form.tsx";
import { signingApi, type Draft, type FieldComparison, type Handoff, type Verified } from "./signing-api.ts";
import { SigningError } from "./signing-error.tsx";
import { signingMessages } from "./signing-messages.ts";

/** How often the PC asks whether the phone has signed. */
const POLL_MS = 1_500;

/**
 * Step 3, 署名: the application's canonical JSON is signed with the card's signature certificate —
 * through the Digital Authentication App on the smartphone (the page goes to the app and comes back
 * at `/sign/app-callback`), or with the card reader here (the password typed on this device) or on a
 * smartphone through a one-time QR link — and the server verifies it as a relying party before the
 * resident goes on. The app's way has its QR link too: on a PC, the phone opens it and goes to the app
 * there; this page polls the draft and goes on by itself. Refusals (under 15, locked, expired, revoked, cancelled, …) come with their next steps.
 */
export function SignStep({
  application,
  canonicalJson,
  notice,
  onSigned,
  onBack,
  onLeaveForApp,
  headingRef,
}: {
  /** The prepare body whose canonical JSON is signed (the server prepares it again and signs that). */
  readonly application: PrepareBody;
  readonly canonicalJson: string;
  /** Why the resident is (back) here, e.g. the server rejected the previous signature. */
  readonly notice: string | null;
  readonly onSigned: (cmsBase64: string, comparison: readonly FieldComparison[]) => void;
  readonly onBack: () => void;
  /** Keeps the application for the trip to the Digital Authentication App (the page is left). */
  readonly onLeaveForApp: () => void;
  readonly headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const { t, locale } = useI18n();
  const m = signingMessages(locale);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [refused, setRefused] = useState<ApiError | null>(null);
  // The draft handed off to a phone (the card's, or one for the app on the phone) and its link.
  const [handoff, setHandoff] = useState<{ readonly way: "card" | "app"; readonly draft: Draft; readonly link: Handoff } | null>(null);
  const [linkState, setLinkState] = useState<"waiting" | "opened" | "expired">("waiting");
  const [startingQr, setStartingQr] = useState(false);
  const [appOffered, setAppOffered] = useState(false);
  const [goingToApp, setGoingToApp] = useState(false);
  // A new card draft after a cancel or a refusal ("sign again").
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    if (canResumeAfterApp()) {
      void signingApi(locale).options().then((options) => {
        if (live && options.ok) setAppOffered(options.data.app);
      });
    }
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    let live = true;
    setDraft(null);
    setRefused(null);
    setHandoff(null);
    void signingApi(locale).startApplication(application).then((started) => {
      if (!live) return;
      if (started.ok) setDraft(started.data);
      else setRefused(started.error);
    });
    return () => {
      live = false;
    };
    // A new draft for each application body; the language of an open draft's messages stays.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [application, generation]);

  const signInApp = async () => {
    if (goingToApp) return;
    setGoingToApp(true);
    // The card's open draft is not needed any more: end it (no try is spent).
    if (draft !== null) void signingApi(locale).cancel(draft);
    onLeaveForApp();
    const started = await signingApi(locale).startApp(application);
    if (started.ok) return window.location.assign(started.data.url);
    setGoingToApp(false);
    setRefused(started.error);
  };

  const verified = (result: Verified) => {
    if (result.cmsBase64 !== undefined) onSigned(result.cmsBase64, result.comparison);
  };

  // The PC goes on by itself when the phone's signature arrives (or shows why it did not).
  useEffect(() => {
    if (handoff === null) return;
    let live = true;
    const timer = window.setInterval(() => {
      void signingApi(locale).status(handoff.draft).then((status) => {
        if (!live) return;
        if (!status.ok) {
          // No answer (0) or the server's store for a moment (503): ask again at the next tick.
          if (status.error.status !== 0 && status.error.status !== 503) {
            window.clearInterval(timer);
            setHandoff(null);
            setRefused(status.error);
          }
          return;
        }
        const link = status.data.handoff;
        if (link === "waiting" || link === "opened" || link === "expired") setLinkState(link);
        const outcome = status.data.outcome;
        if (outcome === undefined) return;
        window.clearInterval(timer);
        if (outcome.ok) verified(outcome.body as Verified);
        else {
          setHandoff(null);
          setRefused(parseApiError(outcome.status, outcome.body));
        }
      });
    }, POLL_MS);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [handoff]);

  /** Shows the QR code for the card's draft, or for a new draft of the app on the phone. */
  const showQr = async (way: "card" | "app") => {
    if (startingQr) return;
    setStartingQr(true);
    try {
      // One hand-off at a time: an app draft waiting for its phone is not needed any more.
      if (handoff?.way === "app") void signingApi(locale).cancel(handoff.draft);
      let target: Draft | null = draft;
      if (way === "app") {
        const started = await signingApi(locale).startAppForPhone(application);
        if (!started.ok) return setRefused(started.error);
        target = started.data;
      }
      if (target === null) return;
      const created = await signingApi(locale).handoff(target);
      if (!created.ok) return setRefused(created.error);
      setLinkState("waiting");
      setHandoff({ way, draft: target, link: created.data });
    } finally {
      setStartingQr(false);
    }
  };

  /** A new link for the same draft, after the first one's 5 minutes. */
  const newQr = async () => {
    if (handoff === null) return;
    const created = await signingApi(locale).handoff(handoff.draft);
    if (!created.ok) return setRefused(created.error);
    setLinkState("waiting");
    setHandoff({ ...handoff, link: created.data });
  };

  /** The resident does not sign on the phone after all: the app's draft ends (the PC's QR code goes). */
  const stopAppQr = () => {
    if (handoff?.way === "app") void signingApi(locale).cancel(handoff.draft);
    setHandoff(null);
  };

  const panel = (qrAlt: string, extra?: ReactNode) =>
    handoff === null ? null : (
      <HandoffPanel link={handoff.link} state={linkState} qrAlt={qrAlt} onNewLink={() => void newQr()}>
        {extra}
      </HandoffPanel>
    );

  return (
    <section aria-labelledby="step-heading">
      <h2 id="step-heading" tabIndex={-1} ref={headingRef}>
        {t.sign.stepHeading}
      </h2>
      {notice !== null && (
        <Alert kind="error" testId="sign-notice">
          <p>{notice}</p>
        </Alert>
      )}
      <p>{t.sign.explain}</p>
      {/* What you see is what you sign: the exact bytes' text is there for anyone who wants to check. */}
      <details className="signed-content">
        <summary>{t.sign.showContent}</summary>
        <pre className="signed-content__text" data-testid="signed-content">
          {canonicalJson}
        </pre>
      </details>
      {refused !== null && <SigningError error={refused} testId="sign-error" />}
      {draft === null && refused === null && <p role="status">{m.starting}</p>}
      {refused !== null && (
        <div className="actions">
          <button type="button" className="button" data-testid="sign-restart" onClick={() => setGeneration((g) => g + 1)}>
            {m.restart}
          </button>
          <button type="button" className="button button--secondary" onClick={onBack}>
            {t.sign.back}
          </button>
        </div>
      )}
      {appOffered && refused === null && (
        <section className="form-section" aria-labelledby="app-heading" data-testid="sign-app-section">
          <h3 id="app-heading">{m.appHeading}</h3>
          <p>{m.appExplain}</p>
          <div className="actions">
            <button type="button" className="button" data-testid="sign-app" aria-disabled={goingToApp || undefined} onClick={() => void signInApp()}>
              {goingToApp ? m.appGoing : m.appStart}
            </button>
          </div>
          <p>{m.appPhoneExplain}</p>
          {handoff?.way === "app" ? (
            panel(
              m.appPhoneQrAlt,
              <button type="button" className="button button--secondary" data-testid="handoff-cancel" onClick={stopAppQr}>
                {m.handoffCancel}
              </button>,
            )
          ) : (
            <button type="button" className="button button--secondary" data-testid="sign-app-qr" aria-disabled={startingQr || undefined} onClick={() => void showQr("app")}>
              {m.appPhoneStart}
            </button>
          )}
        </section>
      )}
      {draft !== null && refused === null && (
        <>
          {appOffered && <h3>{m.cardHeading}</h3>}
          <Alert kind="info">
            <p>{t.sign.testCardNote}</p>
          </Alert>
          <CardPasswordForm
            draft={draft}
            onVerified={verified}
            onCancelled={setRefused}
            submitLabel={t.sign.submit}
            testIds={{ password: "card-password", submit: "sign", error: "sign-error" }}
          >
            <button type="button" className="button button--secondary" onClick={onBack}>
              {t.sign.back}
            </button>
          </CardPasswordForm>
          <section className="form-section" aria-labelledby="phone-heading" data-testid="handoff">
            <h3 id="phone-heading">{m.phoneHeading}</h3>
            <p>{m.phoneExplain}</p>
            {handoff?.way === "card" ? (
              panel(m.phoneQrAlt)
            ) : (
              <button type="button" className="button button--secondary" data-testid="handoff-start" aria-disabled={startingQr || undefined} onClick={() => void showQr("card")}>
                {m.phoneStart}
              </button>
            )}
          </section>
        </>
      )}
    </section>
  );
}

/** A hand-off's QR code and link while it waits or is open on the phone; past its 5 minutes, a way to a new one. */
function HandoffPanel({
  link,
  state,
  qrAlt,
  onNewLink,
  children,
}: {
  readonly link: Handoff;
  readonly state: "waiting" | "opened" | "expired";
  readonly qrAlt: string;
  readonly onNewLink: () => void;
  /** More buttons (the app's cancel). */
  readonly children?: ReactNode;
}) {
  const { locale } = useI18n();
  const m = signingMessages(locale);
  const until = new Date(link.expiresAt).toLocaleTimeString(locale === "ja" ? "ja-JP" : "en-GB", { hour: "2-digit", minute: "2-digit" });
  if (state === "expired") {
    return (
      <>
        <p role="status" data-testid="handoff-status">
          {m.handoffExpired}
        </p>
        <div className="actions">
          <button type="button" className="button" data-testid="handoff-new" onClick={onNewLink}>
            {m.handoffNew}
          </button>
          {children}
        </div>
      </>
    );
  }
  return (
    <>
      <img src={link.qrDataUrl} alt={qrAlt} width={240} height={240} data-testid="handoff-qr" />
      <p role="status" data-testid="handoff-status">
        {state === "opened" ? m.phoneOpened : m.phoneWaiting(until)}
      </p>
      <details>
        <summary>{m.phoneLinkText}</summary>
        <p>
          <a href={link.url} data-testid="handoff-url" target="_blank" rel="noreferrer noopener">
            {link.url}
          </a>
        </p>
      </details>
      {children !== undefined && <div className="actions">{children}</div>}
    </>
  );
}
