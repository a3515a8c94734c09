import { useEffect } from "react";
import { browserSupportsWebAuthn } from "@simplewebauthn/browser";
import { useApi } from "../../../app-context.tsx";
import { Alert } from "../../../components/alert.tsx";
import { Loading } from "../../../components/loading.tsx";
import { PageTitle } from "../../../components/page-title.tsx";
import { TextField } from "../../../components/text-field.tsx";
import { PasskeyTable } from "../../../components/passkey-table.tsx";
import { usePageTitle } from "../../../hooks/use-document-title.ts";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import { usePasskeyManager } from "../../../passkeys/use-passkey-manager.ts";
import { useStepUp } from "../step-up/use-step-up.tsx";
import { StaffNav } from "../staff-nav.tsx";
import { useSignedInStaff } from "../staff-session.tsx";
import { NotificationEmailSection } from "./notification-email-section.tsx";

/**
 * `/staff/security` — the signed-in staff member's own sign-in methods. Passkeys: the list, adding
 * one (the browser's WebAuthn prompt through @simplewebauthn/browser; the server verifies) and
 * removing one. Also where the member's notification mails go (S7), or none.
 */
export function StaffSecurityPage() {
  const { t, locale } = useI18n();
  const api = useApi();
  const { signedOut } = useSignedInStaff();
  usePageTitle(t.security.title);
  // Adding or removing a passkey asks for the authenticator code again unless the last one was recent.
  const stepUp = useStepUp();
  const { passkeys, label, setLabel, labelError, busy, notice, add, remove } = usePasskeyManager(
    {
      list: (signal) => api.staffPasskeys(signal),
      registrationOptions: () => stepUp.run((csrf) => api.staffPasskeyOptions(csrf)),
      register: (body) => stepUp.run((csrf) => api.staffAddPasskey(body, csrf)),
      remove: (credentialId) => stepUp.run((csrf) => api.staffRemovePasskey(credentialId, csrf)),
    },
    t.security,
    t.meta.unexpectedError,
    "passkeys",
  );
  const expired = passkeys.state.kind === "error" && passkeys.state.error.status === 401;
  useEffect(() => {
    if (expired) signedOut("expired");
  }, [expired, signedOut]);

  return (
    <>
      <StaffNav current="security" />
      <PageTitle>{t.security.title}</PageTitle>
      {stepUp.prompt}
      {notice !== null && (
        <Alert kind={notice.kind}>
          <p data-testid="security-notice">{notice.text}</p>
        </Alert>
      )}
      <section aria-labelledby="passkeys-heading" className="section">
        <h2 id="passkeys-heading">{t.security.passkeysHeading}</h2>
        <p>{t.security.passkeysIntro}</p>
        {passkeys.state.kind === "loading" && <Loading />}
        {passkeys.state.kind === "error" && passkeys.state.error.status !== 401 && (
          <Alert kind="error">
            <p>{passkeys.state.error.message ?? t.meta.unexpectedError}</p>
          </Alert>
        )}
        {passkeys.state.kind === "ok" && <PasskeyTable items={passkeys.state.data.items} texts={t.security} locale={locale} onRemove={(id, name) => void remove(id, name)} />}
      </section>
      <section aria-labelledby="passkey-add-heading" className="section">
        <h2 id="passkey-add-heading">{t.security.addHeading}</h2>
        {!browserSupportsWebAuthn() ? (
          <p>{t.security.unsupported}</p>
        ) : (
          <form onSubmit={(e) => void add(e)} noValidate>
            <TextField id="passkey-label" label={t.security.label} help={t.security.labelHelp} value={label} onChange={setLabel} errors={labelError === null ? [] : [labelError]} announceErrors size="medium" testId="passkey-label" />
            <button type="submit" className="button" data-testid="passkey-add" aria-disabled={busy || undefined} disabled={busy}>
              {busy ? t.security.adding : t.security.add}
            </button>
          </form>
        )}
      </section>
      <NotificationEmailSection stepUp={stepUp} />
    </>
  );
}
