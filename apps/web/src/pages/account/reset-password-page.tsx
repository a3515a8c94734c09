import { useState, type FormEvent } from "react";
import { Alert } from "../../components/alert.tsx";
import { Link } from "../../components/link.tsx";
import { PageTitle } from "../../components/page-title.tsx";
import { TextField } from "../../components/text-field.tsx";
import { usePageTitle } from "../../hooks/use-document-title.ts";
import { failureText } from "./account-api.ts";
import { queryParam, useAccount } from "./use-account.ts";

/** `/account/reset?account=…&token=…` — the new password, and the authenticator code when the account has one. */
export function ResetPasswordPage() {
  const { t, m, api } = useAccount();
  usePageTitle(m.reset.title);
  const [password, setPassword] = useState("");
  const [totpCode, setTotpCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const result = await api.reset(queryParam("account"), queryParam("token"), password, totpCode);
    setBusy(false);
    if (result.ok) setDone(true);
    else setError(failureText(result, t.meta.unexpectedError));
  };
  return (
    <>
      <PageTitle>{m.reset.title}</PageTitle>
      {error !== null && (
        <Alert kind="error" testId="reset-error">
          <p>{error}</p>
        </Alert>
      )}
      {done ? (
        <>
          <Alert kind="success" testId="reset-done">
            <p>{m.reset.done}</p>
          </Alert>
          <p>
            <Link href="/account/login">{m.verify.toLogin}</Link>
          </p>
        </>
      ) : (
        <form noValidate onSubmit={(e) => void submit(e)} className="form">
          <TextField id="newPassword" type="password" label={m.reset.newPassword} help={m.register.passwordHelp} value={password} onChange={setPassword} autoComplete="new-password" />
          <TextField id="totpCode" label={m.reset.totpCode} value={totpCode} onChange={setTotpCode} inputMode="numeric" autoComplete="one-time-code" size="short" />
          <div className="actions">
            <button type="submit" className="button" data-testid="reset-submit" aria-disabled={busy || undefined}>
              {m.reset.submit}
            </button>
          </div>
        </form>
      )}
    </>
  );
}
