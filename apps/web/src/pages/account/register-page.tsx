import { useState, type FormEvent } from "react";
import { Alert } from "../../components/alert.tsx";
import { Link } from "../../components/link.tsx";
import { PageTitle } from "../../components/page-title.tsx";
import { TextField } from "../../components/text-field.tsx";
import { usePageTitle } from "../../hooks/use-document-title.ts";
import { failureText } from "./account-api.ts";
import { useAccount } from "./use-account.ts";

/** `/account/register` — email and password; the answer is the same whether or not the address is taken. */
export function RegisterPage() {
  const { t, m, api } = useAccount();
  usePageTitle(m.register.title);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const result = await api.register(email, password);
    setBusy(false);
    if (result.ok) {
      setDone(true);
      setError(null);
    } else setError(failureText(result, t.meta.unexpectedError));
  };

  return (
    <>
      <PageTitle>{m.register.title}</PageTitle>
      {error !== null && (
        <Alert kind="error" testId="register-error">
          <p>{error}</p>
        </Alert>
      )}
      {done ? (
        <Alert kind="success" testId="register-done">
          <p>{m.register.done}</p>
        </Alert>
      ) : (
        <>
          <p>{m.register.intro}</p>
          <form noValidate onSubmit={(e) => void submit(e)} className="form">
            <TextField id="email" type="email" label={m.register.email} value={email} onChange={setEmail} autoComplete="email" spellCheck={false} />
            <TextField id="password" type="password" label={m.register.password} help={m.register.passwordHelp} value={password} onChange={setPassword} autoComplete="new-password" />
            <div className="actions">
              <button type="submit" className="button" data-testid="register-submit" aria-disabled={busy || undefined}>
                {m.register.submit}
              </button>
            </div>
          </form>
        </>
      )}
      <p>
        <Link href="/account/login">{m.register.haveAccount}</Link>
      </p>
    </>
  );
}
