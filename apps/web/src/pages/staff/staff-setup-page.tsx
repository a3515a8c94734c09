import { useRef, useState, type FormEvent } from "react";
import { useApi } from "../../app-context.tsx";
import { Alert } from "../../components/alert.tsx";
import { PageTitle } from "../../components/page-title.tsx";
import { TextField } from "../../components/text-field.tsx";
import { usePageTitle } from "../../hooks/use-document-title.ts";
import { useI18n } from "../../i18n/i18n-context.tsx";

/**
 * The page of the mailed set-up / reset link (`/staff/setup?account=…&token=…`): the staff member
 * chooses their own password (and, when they already have an authenticator app, gives its code).
 * The administrator never sees or sets it.
 */
export function StaffSetupPage() {
  const { t } = useI18n();
  const api = useApi();
  usePageTitle(t.staff.setupTitle);
  const params = new URLSearchParams(window.location.search);
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const busy = useRef(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy.current) return;
    busy.current = true;
    const result = await api.staffSetup({ accountId: params.get("account") ?? "", token: params.get("token") ?? "", password, totpCode: code.trim() === "" ? null : code.trim() });
    busy.current = false;
    if (result.ok) {
      setDone(true);
      setError(null);
      return;
    }
    setError(result.error.message ?? (result.error.status === 0 ? t.meta.networkError : t.meta.unexpectedError));
  };

  return (
    <>
      <PageTitle>{t.staff.setupTitle}</PageTitle>
      {error !== null && (
        <Alert kind="error" testId="setup-error">
          <p>{error}</p>
        </Alert>
      )}
      {done ? (
        <Alert kind="success" testId="setup-done">
          <p>{t.staff.setupDone}</p>
          <p>
            <a href="/staff">{t.staff.goToLogin}</a>
          </p>
        </Alert>
      ) : (
        <form noValidate onSubmit={(e) => void submit(e)} className="form form--narrow">
          <p>{t.staff.setupHelp}</p>
          <TextField id="newPassword" label={t.staff.newPassword} value={password} onChange={setPassword} type="password" autoComplete="new-password" size="medium" />
          <TextField id="setupCode" label={t.staff.totpCode} help={t.staff.setupCodeHelp} value={code} onChange={setCode} inputMode="numeric" autoComplete="one-time-code" size="short" />
          <div className="actions">
            <button type="submit" className="button" data-testid="setup-submit">
              {t.staff.setupSubmit}
            </button>
          </div>
        </form>
      )}
    </>
  );
}
