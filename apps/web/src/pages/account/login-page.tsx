import { useState, type FormEvent } from "react";
import { browserSupportsWebAuthn } from "@simplewebauthn/browser";
import { Alert } from "../../components/alert.tsx";
import { Link } from "../../components/link.tsx";
import { PageTitle } from "../../components/page-title.tsx";
import { TextField } from "../../components/text-field.tsx";
import { usePageTitle } from "../../hooks/use-document-title.ts";
import { useLoad } from "../../hooks/use-load.ts";
import { authenticateWithPasskeyInBrowser } from "../../passkeys/passkey-ceremony.ts";
import { navigate } from "../../router.ts";
import { failureText } from "./account-api.ts";
import { jpkiApi } from "./jpki-api.ts";
import { JpkiCardPin } from "./jpki-card-pin.tsx";
import { jpkiMessages } from "./jpki-messages.ts";
import { useAccount } from "./use-account.ts";

/**
 * `/account/login` — password, then the account's second step (authenticator code or emailed code,
 * or a registered passkey instead);
 * "forgot my password" on the same page. Failures show the server's one message, whatever failed.
 */
export function LoginPage() {
  const { t, m, api, locale } = useAccount();
  usePageTitle(m.login.title);
  const j = jpkiMessages(locale);
  const jpki = useLoad(() => jpkiApi(locale).options(), "jpki-options");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [useRecovery, setUseRecovery] = useState(false);
  const [step, setStep] = useState<"password" | "totp" | "email_code" | "forgot" | "unlock">("password");
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async <T,>(work: Promise<import("../../api-result.ts").ApiResult<T>>, ok: (data: T) => void) => {
    if (busy) return;
    setBusy(true);
    const result = await work;
    setBusy(false);
    if (result.ok) {
      setError(null);
      ok(result.data);
    } else setError(failureText(result, t.meta.unexpectedError));
  };

  const submitPassword = (event: FormEvent) => {
    event.preventDefault();
    void run(api.login(email, password), (data) => {
      setPassword("");
      if (data.step === "done") navigate("/account");
      else setStep(data.step);
    });
  };
  const submitCode = (event: FormEvent) => {
    event.preventDefault();
    void run(useRecovery ? api.recoveryCode(code) : api.secondFactor(code), () => navigate("/account"));
  };
  /** A passkey instead of the code: the device's prompt answers a challenge bound to this pending login. */
  const signInWithPasskey = () => {
    if (busy) return;
    setBusy(true);
    void authenticateWithPasskeyInBrowser(api.passkeyLoginOptions, api.passkeyLogin).then((outcome) => {
      setBusy(false);
      if (outcome.kind === "ok") return navigate("/account");
      setError(outcome.kind === "cancelled" ? m.login.passkeyCancelled : failureText({ ok: false, error: outcome.error }, t.meta.unexpectedError));
    });
  };
  /** The Digital Authentication App: off to the app (or its stub), back at `/account/jpki-callback`. */
  const loginWithApp = () => {
    if (busy) return;
    setBusy(true);
    void jpkiApi(locale)
      .startLogin()
      .then((started) => {
        if (started.ok) return window.location.assign(started.data.authorizationUrl);
        setBusy(false);
        setError(failureText(started, t.meta.unexpectedError));
      });
  };
  const submitForgot = (event: FormEvent) => {
    event.preventDefault();
    void run(step === "unlock" ? api.unlockRequest(email) : api.forgot(email), () => setNotice(step === "unlock" ? m.unlock.sent : m.login.forgotDone));
  };

  return (
    <>
      <PageTitle>{step === "forgot" ? m.login.forgotTitle : step === "unlock" ? m.unlock.title : m.login.title}</PageTitle>
      {error !== null && (
        <Alert kind="error" testId="login-error">
          <p>{error}</p>
        </Alert>
      )}
      {notice !== null && (
        <Alert kind="success" testId="login-notice">
          <p>{notice}</p>
        </Alert>
      )}
      {step === "password" && (
        <form noValidate onSubmit={submitPassword} className="form">
          <TextField id="email" type="email" label={m.login.email} value={email} onChange={setEmail} autoComplete="username" spellCheck={false} />
          <TextField id="password" type="password" label={m.login.password} value={password} onChange={setPassword} autoComplete="current-password" />
          <div className="actions">
            <button type="submit" className="button" data-testid="login-submit" aria-disabled={busy || undefined}>
              {m.login.submit}
            </button>
          </div>
        </form>
      )}
      {(step === "totp" || step === "email_code") && (
        <form noValidate onSubmit={submitCode} className="form">
          {!useRecovery && <p>{step === "totp" ? m.login.totpPrompt : m.login.emailCodePrompt}</p>}
          <TextField
            id="code"
            label={useRecovery ? m.login.recoveryCode : m.login.code}
            value={code}
            onChange={setCode}
            inputMode={useRecovery ? "text" : "numeric"}
            autoComplete="one-time-code"
            size={useRecovery ? "medium" : "short"}
          />
          <div className="actions">
            <button type="submit" className="button" data-testid="code-submit" aria-disabled={busy || undefined}>
              {m.login.verify}
            </button>
            {step === "totp" && !useRecovery && (
              <button type="button" className="button button--secondary" data-testid="use-recovery" onClick={() => setUseRecovery(true)}>
                {m.login.useRecovery}
              </button>
            )}
            {browserSupportsWebAuthn() && (
              <button type="button" className="button button--secondary" data-testid="passkey-login" aria-disabled={busy || undefined} onClick={signInWithPasskey}>
                {m.login.usePasskey}
              </button>
            )}
          </div>
        </form>
      )}
      {(step === "forgot" || step === "unlock") && (
        <form noValidate onSubmit={submitForgot} className="form">
          <TextField id="email" type="email" label={m.login.email} value={email} onChange={setEmail} autoComplete="email" spellCheck={false} />
          <div className="actions">
            <button type="submit" className="button" data-testid="forgot-submit" aria-disabled={busy || undefined}>
              {step === "unlock" ? m.unlock.submit : m.login.forgotSubmit}
            </button>
          </div>
        </form>
      )}
      {step === "password" && jpki.state.kind === "ok" && jpki.state.data.digitalAuthApp && (
        <section aria-labelledby="jpki-login-heading" className="form">
          <h2 id="jpki-login-heading">{j.loginWithApp}</h2>
          <p>{j.loginWithAppHint}</p>
          <div className="actions">
            <button type="button" className="button button--secondary" data-testid="jpki-login" aria-disabled={busy || undefined} onClick={loginWithApp}>
              {j.loginWithApp}
            </button>
          </div>
        </section>
      )}
      {step === "password" && jpki.state.kind === "ok" && jpki.state.data.card && (
        <section aria-labelledby="jpki-card-heading" className="form">
          <h2 id="jpki-card-heading">{j.cardLogin}</h2>
          <p>{j.cardLoginHint}</p>
          <JpkiCardPin label={j.cardLogin} start={() => jpkiApi(locale).cardStartLogin()} onDone={() => navigate("/account")} />
        </section>
      )}
      {step === "password" && (
        <ul>
          <li>
            <button type="button" className="button button--secondary" data-testid="forgot" onClick={() => setStep("forgot")}>
              {m.login.forgot}
            </button>
          </li>
          <li>
            <button type="button" className="button button--secondary" data-testid="unlock" onClick={() => setStep("unlock")}>
              {m.unlock.ask}
            </button>
          </li>
          <li>
            <Link href="/account/register">{m.login.register}</Link>
          </li>
        </ul>
      )}
    </>
  );
}
