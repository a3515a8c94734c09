import { useState, type FormEvent } from "react";
import { Alert } from "../../components/alert.tsx";
import { DefinitionList } from "../../components/definition-list.tsx";
import { Link } from "../../components/link.tsx";
import { Loading } from "../../components/loading.tsx";
import { PageTitle } from "../../components/page-title.tsx";
import { TextField } from "../../components/text-field.tsx";
import { usePageTitle } from "../../hooks/use-document-title.ts";
import { useLoad } from "../../hooks/use-load.ts";
import type { ApiResult } from "../../api-result.ts";
import { failureText, type ResidentMe, type TotpOffer } from "./account-api.ts";
import { AccountNav } from "./account-nav.tsx";
import { AccountPasskeys } from "./account-passkeys.tsx";
import { AccountJpki } from "./account-jpki.tsx";
import { AccountPaymentCard } from "./account-payment-card.tsx";
import { useAccount } from "./use-account.ts";

/** `/account/settings` — password, email address, the second step (authenticator app with recovery codes, or emailed codes) and passkeys. */
export function AccountSettingsPage() {
  const { t, m, api } = useAccount();
  usePageTitle(m.settings.title);
  const me = useLoad((signal) => api.me(signal), "resident-me");
  return (
    <>
      <PageTitle>{m.settings.title}</PageTitle>
      {me.state.kind === "loading" && <Loading />}
      {me.state.kind === "error" && (
        <Alert kind={me.state.error.status === 401 ? "info" : "error"} testId="settings-error">
          <p>{me.state.error.status === 401 ? m.loginRequired : (me.state.error.message ?? t.meta.unexpectedError)}</p>
          {me.state.error.status === 401 && (
            <p>
              <Link href="/account/login">{m.login.title}</Link>
            </p>
          )}
        </Alert>
      )}
      {me.state.kind === "ok" && <Settings me={me.state.data} reload={me.reload} />}
    </>
  );
}

function Settings({ me, reload }: { readonly me: ResidentMe; readonly reload: () => void }) {
  const { t, m, api } = useAccount();
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [newEmail, setNewEmail] = useState("");
  const [totpCode, setTotpCode] = useState("");
  const [offer, setOffer] = useState<TotpOffer | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<readonly string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async <T,>(work: Promise<ApiResult<T>>, ok: (data: T) => void) => {
    if (busy) return;
    setBusy(true);
    const result = await work;
    setBusy(false);
    if (result.ok) {
      setError(null);
      ok(result.data);
    } else {
      setNotice(null);
      setError(failureText(result, t.meta.unexpectedError));
    }
  };
  const onSubmit = (work: () => void) => (event: FormEvent) => {
    event.preventDefault();
    work();
  };

  return (
    <>
      <AccountNav />
      {error !== null && (
        <Alert kind="error" testId="settings-error">
          <p>{error}</p>
        </Alert>
      )}
      {notice !== null && (
        <Alert kind="success" testId="settings-notice">
          <p>{notice}</p>
        </Alert>
      )}
      <DefinitionList
        rows={[
          { label: m.settings.email, value: me.email, testId: "settings-email" },
          { label: m.settings.secondFactor, value: m.settings.factor[me.secondFactor] ?? me.secondFactor, testId: "settings-factor" },
        ]}
      />
      <TextField id="currentPassword" type="password" label={m.settings.currentPassword} value={currentPassword} onChange={setCurrentPassword} autoComplete="current-password" />

      <h2>{m.settings.totpHeading}</h2>
      {recoveryCodes !== null ? (
        <section aria-labelledby="recovery-heading">
          <h3 id="recovery-heading">{m.settings.recoveryHeading}</h3>
          <p>{m.settings.recoveryIntro}</p>
          <ul data-testid="recovery-codes">
            {recoveryCodes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
        </section>
      ) : offer === null ? (
        <div className="actions">
          <button
            type="button"
            className="button button--secondary"
            data-testid="totp-start"
            aria-disabled={busy || undefined}
            onClick={() => void run(api.totpStart(me.csrfToken, currentPassword), setOffer)}
          >
            {m.settings.totpStart}
          </button>
          {me.secondFactor === "totp" && (
            <button
              type="button"
              className="button button--secondary"
              data-testid="use-email-code"
              onClick={() =>
                void run(api.chooseSecondFactor(me.csrfToken, currentPassword, "email_code"), () => {
                  setNotice(m.settings.factorChanged);
                  reload();
                })
              }
            >
              {m.settings.useEmailCode}
            </button>
          )}
        </div>
      ) : (
        <form
          noValidate
          className="form"
          onSubmit={onSubmit(() =>
            void run(api.totpConfirm(me.csrfToken, totpCode), (data) => {
              setRecoveryCodes(data.recoveryCodes);
              setOffer(null);
              setNotice(m.settings.factorChanged);
            }),
          )}
        >
          <p>{m.settings.totpScan}</p>
          <img src={`data:image/svg+xml;utf8,${encodeURIComponent(offer.qrSvg)}`} alt="QR" width={200} height={200} />
          <p>
            {m.settings.totpSecret}: <code data-testid="totp-secret">{offer.secret}</code>
          </p>
          <TextField id="totpCode" label={m.settings.totpCode} value={totpCode} onChange={setTotpCode} inputMode="numeric" autoComplete="one-time-code" size="short" />
          <div className="actions">
            <button type="submit" className="button" data-testid="totp-confirm" aria-disabled={busy || undefined}>
              {m.settings.totpConfirm}
            </button>
          </div>
        </form>
      )}

      <AccountPasskeys me={me} currentPassword={currentPassword} />
      <AccountJpki me={me} />
      <AccountPaymentCard me={me} />

      <h2>{m.settings.passwordHeading}</h2>
      <form
        noValidate
        className="form"
        onSubmit={onSubmit(() =>
          void run(api.changePassword(me.csrfToken, currentPassword, newPassword), () => {
            setNotice(m.settings.passwordChanged);
            setNewPassword("");
          }),
        )}
      >
        <TextField id="newPassword" type="password" label={m.settings.newPassword} help={m.register.passwordHelp} value={newPassword} onChange={setNewPassword} autoComplete="new-password" />
        <div className="actions">
          <button type="submit" className="button button--secondary" data-testid="password-change" aria-disabled={busy || undefined}>
            {m.settings.changePassword}
          </button>
        </div>
      </form>

      <h2>{m.settings.emailHeading}</h2>
      <form noValidate className="form" onSubmit={onSubmit(() => void run(api.changeEmail(me.csrfToken, currentPassword, newEmail), () => setNotice(m.settings.emailSent)))}>
        <TextField id="newEmail" type="email" label={m.settings.newEmail} value={newEmail} onChange={setNewEmail} autoComplete="email" spellCheck={false} />
        <div className="actions">
          <button type="submit" className="button button--secondary" data-testid="email-change" aria-disabled={busy || undefined}>
            {m.settings.changeEmail}
          </button>
        </div>
      </form>
    </>
  );
}
