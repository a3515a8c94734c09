import { useEffect, useState } from "react";
import type { ApiError } from "../../api-result.ts";
import { Alert } from "../../components/alert.tsx";
import { PageTitle } from "../../components/page-title.tsx";
import { usePageTitle } from "../../hooks/use-document-title.ts";
import { useI18n } from "../../i18n/i18n-context.tsx";
import { markPhoneHandoff } from "./app-signature-resume.ts";
import { CardPasswordForm } from "./card-password-form.tsx";
import { signingApi, type Claimed } from "./signing-api.ts";
import { SigningError } from "./signing-error.tsx";
import { signingMessages } from "./signing-messages.ts";

type State =
  | { readonly kind: "opening" }
  | { readonly kind: "noLink" }
  | { readonly kind: "refused"; readonly error: ApiError }
  | { readonly kind: "ready"; readonly claimed: Claimed }
  | { readonly kind: "signed" };

/** Read once: the token leaves the address bar (and the history) before anything else happens. */
const takeToken = (): string | null => {
  const token = window.location.hash.slice(1);
  if (token !== "") window.history.replaceState(null, "", window.location.pathname);
  return /^[A-Za-z0-9_-]{43}$/.test(token) ? token : null;
};

/**
 * `/sign/phone#<token>`: the smartphone's side of the PC → phone hand-off. The one-time token opens the
 * draft (the server gives this phone its own key), the resident sees what they sign and signs — with the
 * card here (its password), or in the Digital Authentication App on this phone: the claim started the
 * app's transaction and set this browser's pending cookie, so the app comes back here
 * (`/sign/app-callback`), which says to go back to the computer. The PC page goes on by itself.
 */
export function SignPhonePage() {
  const { t, locale } = useI18n();
  const m = signingMessages(locale);
  usePageTitle(m.phonePageTitle);
  const [state, setState] = useState<State>({ kind: "opening" });
  const [goingToApp, setGoingToApp] = useState(false);

  const toTheApp = (url: string) => {
    if (goingToApp) return;
    setGoingToApp(true);
    markPhoneHandoff();
    window.location.assign(url);
  };

  useEffect(() => {
    const token = takeToken();
    if (token === null) {
      setState({ kind: "noLink" });
      return;
    }
    void signingApi(locale).claim(token).then((claimed) => setState(claimed.ok ? { kind: "ready", claimed: claimed.data } : { kind: "refused", error: claimed.error }));
    // Claimed once, whatever the language does later: the token works only once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // The app's authorization URL when the app on this phone signs (else the card's password is asked here).
  const appUrl = state.kind === "ready" && state.claimed.step === "redirect" ? state.claimed.url : null;

  return (
    <>
      <PageTitle>{m.phonePageTitle}</PageTitle>
      {state.kind === "opening" && <p role="status">{m.phoneOpening}</p>}
      {state.kind === "noLink" && (
        <Alert kind="error" testId="phone-error">
          <p>{m.phoneNoLink}</p>
        </Alert>
      )}
      {state.kind === "refused" && <SigningError error={state.error} testId="phone-error" />}
      {state.kind === "signed" && (
        <Alert kind="success" testId="phone-signed">
          <p>{m.phoneSigned}</p>
        </Alert>
      )}
      {state.kind === "ready" && (
        <>
          {state.claimed.canonicalJson !== null && (
            <details className="signed-content">
              <summary>{t.sign.showContent}</summary>
              <pre className="signed-content__text" data-testid="phone-signed-content">
                {state.claimed.canonicalJson}
              </pre>
            </details>
          )}
          {appUrl !== null ? (
            <>
              <p>{m.phoneAppExplain}</p>
              <div className="actions">
                {/* A tap, not an automatic redirect: a phone opens the app from a link the resident follows. */}
                <button type="button" className="button" data-testid="phone-app" aria-disabled={goingToApp || undefined} onClick={() => toTheApp(appUrl)}>
                  {goingToApp ? m.appGoing : m.appStart}
                </button>
              </div>
            </>
          ) : (
            <CardPasswordForm
              draft={state.claimed}
              onVerified={() => setState({ kind: "signed" })}
              submitLabel={m.phoneHeading}
              testIds={{ password: "phone-card-password", submit: "phone-sign", error: "phone-error" }}
            />
          )}
        </>
      )}
    </>
  );
}
