import { useRef, useState, type FormEvent } from "react";
import { useApi } from "../../app-context.tsx";
import type { StaffSession, StaffTotpEnrolment } from "../../api-types.ts";
import { Alert } from "../../components/alert.tsx";
import { PageTitle } from "../../components/page-title.tsx";
import { TextField } from "../../components/text-field.tsx";
import { usePageTitle } from "../../hooks/use-document-title.ts";
import { useI18n } from "../../i18n/i18n-context.tsx";
import { useStaffSession } from "./staff-session.tsx";
import { browserSupportsWebAuthn } from "@simplewebauthn/browser";
import { authenticateWithPasskeyInBrowser } from "../../passkeys/passkey-ceremony.ts";

/** Where a staff login stands: password, then the TOTP code or (first login) the enrolment, then the recovery codes once. */
type Step =
  | { readonly kind: "password" }
  | { readonly kind: "totp"; readonly csrfToken: string; readonly recovery: boolean }
  | { readonly kind: "enrol"; readonly csrfToken: string; readonly enrolment: StaffTotpEnrolment | null }
  | { readonly kind: "recoveryCodes"; readonly session: StaffSession };

/**
 * The staff sign-in: login ID and password, then the authenticator app's code (or a recovery code).
 * At the first sign-in the app is set up here (QR code and secret, a first code), and the recovery
 * codes are shown once before the back office opens.
 */
export function StaffLogin({ expired }: { readonly expired: boolean }) {
  const { t } = useI18n();
  const api = useApi();
  const { signedIn } = useStaffSession();
  const [step, setStep] = useState<Step>({ kind: "password" });
  usePageTitle(step.kind === "password" ? t.staff.loginTitle : step.kind === "totp" ? t.staff.totpTitle : step.kind === "enrol" ? t.staff.enrolTitle : t.staff.recoveryTitle);
  const [loginId, setLoginId] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);

  const run = async (work: () => Promise<void>) => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    try {
      await work();
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };
  const failed = (failure: { status: number; message: string | null }, fallback: string) => {
    setError(failure.status === 401 ? fallback : (failure.message ?? (failure.status === 0 ? t.meta.networkError : t.meta.unexpectedError)));
  };
  /** A login that expired half-way (10 minutes) starts again at the password. */
  const restartIfExpired = (status: number) => {
    if (status === 401) {
      setStep({ kind: "password" });
      setCode("");
    }
  };
  const finished = (session: StaffSession) => {
    setError(null);
    if (session.recoveryCodes !== undefined && session.recoveryCodes.length > 0) setStep({ kind: "recoveryCodes", session });
    else signedIn(session);
  };

  const submitPassword = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const result = await api.staffLogin(loginId, password);
      setPassword("");
      if (!result.ok) return failed(result.error, t.staff.loginFailed);
      setError(null);
      setCode("");
      if (result.data.next === "totp") {
        setStep({ kind: "totp", csrfToken: result.data.csrfToken, recovery: false });
        return;
      }
      const enrolment = await api.staffTotpEnrolment(result.data.csrfToken);
      if (!enrolment.ok) return failed(enrolment.error, t.meta.unexpectedError);
      setStep({ kind: "enrol", csrfToken: result.data.csrfToken, enrolment: enrolment.data });
    });
  };

  const submitCode = (event: FormEvent) => {
    event.preventDefault();
    if (step.kind !== "totp" && step.kind !== "enrol") return;
    void run(async () => {
      const typed = code.trim();
      const result =
        step.kind === "enrol"
          ? await api.staffTotpEnrolmentConfirm(step.csrfToken, typed)
          : await api.staffLoginTotp(step.csrfToken, step.recovery ? { recoveryCode: typed } : { code: typed });
      setCode("");
      if (result.ok) return finished(result.data);
      failed(result.error, t.staff.codeFailed);
      // A half-done login left too long (10 minutes) has no session any more: start again at the password.
      if (result.error.code === "staff.unauthenticated") restartIfExpired(401);
    });
  };

  /** A passkey instead of the code: the browser's WebAuthn prompt answers a challenge bound to this login. */
  const signInWithPasskey = () => {
    if (step.kind !== "totp") return;
    void run(async () => {
      const outcome = await authenticateWithPasskeyInBrowser(
        () => api.staffPasskeyLoginOptions(step.csrfToken),
        (body) => api.staffLoginPasskey(step.csrfToken, body),
      );
      if (outcome.kind === "ok") return finished(outcome.data);
      if (outcome.kind === "cancelled") return setError(t.staff.passkeyCancelled);
      failed(outcome.error, t.staff.codeFailed);
      if (outcome.at === "start") restartIfExpired(outcome.error.status);
    });
  };

  return (
    <>
      <PageTitle>
        {step.kind === "password" ? t.staff.loginTitle : step.kind === "totp" ? t.staff.totpTitle : step.kind === "enrol" ? t.staff.enrolTitle : t.staff.recoveryTitle}
      </PageTitle>
      {expired && error === null && step.kind === "password" && (
        <Alert kind="info">
          <p>{t.staff.sessionExpired}</p>
        </Alert>
      )}
      {error !== null && (
        <Alert kind="error" testId="login-error">
          <p>{error}</p>
        </Alert>
      )}
      {step.kind === "password" && (
        <form noValidate onSubmit={submitPassword} className="form form--narrow">
          <TextField id="loginId" label={t.staff.loginId} value={loginId} onChange={setLoginId} autoComplete="username" spellCheck={false} size="medium" />
          <TextField id="password" label={t.staff.password} value={password} onChange={setPassword} type="password" autoComplete="current-password" size="medium" />
          <div className="actions">
            <button type="submit" className="button" data-testid="staff-login" aria-disabled={busy || undefined}>
              {busy ? t.staff.loggingIn : t.staff.login}
            </button>
          </div>
        </form>
      )}
      {step.kind === "enrol" && step.enrolment !== null && (
        <section aria-labelledby="enrol-help">
          <p id="enrol-help">{t.staff.enrolHelp}</p>
          <img src={step.enrolment.qrDataUrl} alt={t.staff.enrolQrAlt} width={200} height={200} data-testid="totp-qr" />
          <p>
            {t.staff.enrolSecret}: <code data-testid="totp-secret">{step.enrolment.secret}</code>
          </p>
        </section>
      )}
      {(step.kind === "totp" || step.kind === "enrol") && (
        <form noValidate onSubmit={submitCode} className="form form--narrow">
          {step.kind === "totp" && !step.recovery && <p>{t.staff.totpHelp}</p>}
          <TextField
            id="totpCode"
            label={step.kind === "totp" && step.recovery ? t.staff.recoveryCode : t.staff.totpCode}
            value={code}
            onChange={setCode}
            autoComplete="one-time-code"
            {...(step.kind === "totp" && step.recovery ? {} : { inputMode: "numeric" as const })}
            spellCheck={false}
            size="short"
            testId="totp-code"
          />
          <div className="actions">
            <button type="submit" className="button" data-testid="totp-submit" aria-disabled={busy || undefined}>
              {t.staff.verify}
            </button>
            {step.kind === "totp" && !step.recovery && (
              <button type="button" className="button button--ghost button--small" onClick={() => setStep({ ...step, recovery: true })}>
                {t.staff.useRecoveryCode}
              </button>
            )}
            {step.kind === "totp" && !step.recovery && browserSupportsWebAuthn() && (
              <button type="button" className="button button--secondary button--small" data-testid="passkey-login" onClick={signInWithPasskey} aria-disabled={busy || undefined}>
                {t.staff.usePasskey}
              </button>
            )}
          </div>
        </form>
      )}
      {step.kind === "recoveryCodes" && (
        <section>
          <p>{t.staff.recoveryHelp}</p>
          <ul className="recovery-codes" data-testid="recovery-codes">
            {step.session.recoveryCodes?.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
          <div className="actions">
            <button type="button" className="button" data-testid="recovery-done" onClick={() => signedIn(step.session)}>
              {t.staff.recoveryDone}
            </button>
          </div>
        </section>
      )}
    </>
  );
}
