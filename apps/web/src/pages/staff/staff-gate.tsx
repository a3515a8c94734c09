import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useApi } from "../../app-context.tsx";
import { Alert } from "../../components/alert.tsx";
import { Loading } from "../../components/loading.tsx";
import { PageTitle } from "../../components/page-title.tsx";
import { TextField } from "../../components/text-field.tsx";
import { usePageTitle } from "../../hooks/use-document-title.ts";
import { useI18n } from "../../i18n/i18n-context.tsx";
import { navigate } from "../../router.ts";
import { useStaffSession } from "./staff-session.tsx";

/**
 * Shows its children only to signed-in staff; otherwise the login form. After login the requested page
 * (list or detail) appears in place, so a deep link survives the sign-in.
 */
export function StaffGate({ children }: { readonly children: ReactNode }) {
  const { t } = useI18n();
  const { state, check } = useStaffSession();

  useEffect(() => {
    if (state.kind === "unknown") void check();
  }, [state.kind, check]);

  if (state.kind === "unknown" || state.kind === "checking") return <Loading />;
  if (state.kind === "error") {
    return (
      <>
        <PageTitle>{t.staff.title}</PageTitle>
        <Alert kind="error">
          <p>{state.message ?? t.meta.unexpectedError}</p>
        </Alert>
        <button type="button" className="button" onClick={() => void check()}>
          {t.meta.retry}
        </button>
      </>
    );
  }
  if (state.kind === "signedOut") return <StaffLogin expired={state.reason === "expired"} />;
  return (
    <>
      <StaffBar />
      {children}
    </>
  );
}

function StaffBar() {
  const { t } = useI18n();
  const api = useApi();
  const { state, signedOut } = useStaffSession();
  if (state.kind !== "signedIn") return null;
  const logout = async () => {
    // Signed out locally whatever the answer: an expired session is signed out too.
    await api.staffLogout(state.session.csrfToken);
    signedOut("none");
    navigate("/staff");
  };
  return (
    <div className="staff-bar">
      <span className="staff-bar__who" data-testid="staff-name">
        {t.staff.loggedInAs(state.session.staff.displayName)}
      </span>
      <button type="button" className="button button--ghost button--small" data-testid="staff-logout" onClick={() => void logout()}>
        {t.staff.logout}
      </button>
    </div>
  );
}

function StaffLogin({ expired }: { readonly expired: boolean }) {
  const { t } = useI18n();
  const api = useApi();
  const { signedIn } = useStaffSession();
  usePageTitle(t.staff.loginTitle);
  const [loginId, setLoginId] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    const result = await api.staffLogin(loginId, password);
    busyRef.current = false;
    setBusy(false);
    if (result.ok) {
      signedIn(result.data);
      return;
    }
    setPassword("");
    const failure = result.error;
    setError(
      failure.status === 401
        ? (failure.message ?? t.staff.loginFailed)
        : (failure.message ?? (failure.status === 0 ? t.meta.networkError : t.meta.unexpectedError)),
    );
  };

  return (
    <>
      <PageTitle>{t.staff.loginTitle}</PageTitle>
      {expired && error === null && (
        <Alert kind="info">
          <p>{t.staff.sessionExpired}</p>
        </Alert>
      )}
      {error !== null && (
        <Alert kind="error" testId="login-error">
          <p>{error}</p>
        </Alert>
      )}
      <form noValidate onSubmit={(e) => void submit(e)} className="form form--narrow">
        <TextField
          id="loginId"
          label={t.staff.loginId}
          value={loginId}
          onChange={setLoginId}
          autoComplete="username"
          spellCheck={false}
          size="medium"
        />
        <TextField
          id="password"
          label={t.staff.password}
          value={password}
          onChange={setPassword}
          type="password"
          autoComplete="current-password"
          size="medium"
        />
        <div className="actions">
          <button type="submit" className="button" data-testid="staff-login" aria-disabled={busy || undefined}>
            {busy ? t.staff.loggingIn : t.staff.login}
          </button>
        </div>
      </form>
    </>
  );
}
