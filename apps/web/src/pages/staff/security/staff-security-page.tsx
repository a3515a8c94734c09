import { useEffect, useState, type FormEvent } from "react";
import { browserSupportsWebAuthn } from "@simplewebauthn/browser";
import { useApi } from "../../../app-context.tsx";
import { Alert } from "../../../components/alert.tsx";
import { Loading } from "../../../components/loading.tsx";
import { PageTitle } from "../../../components/page-title.tsx";
import { TextField } from "../../../components/text-field.tsx";
import { PasskeyTable } from "../../../components/passkey-table.tsx";
import { usePageTitle } from "../../../hooks/use-document-title.ts";
import { useLoad } from "../../../hooks/use-load.ts";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import { registerPasskeyInBrowser } from "../../../passkeys/passkey-ceremony.ts";
import { StaffNav } from "../staff-nav.tsx";
import { useSignedInStaff } from "../staff-session.tsx";

type Notice = { readonly kind: "success" | "error"; readonly text: string } | null;

/**
 * `/staff/security` — the signed-in staff member's own sign-in methods. Passkeys: the list, adding
 * one (the browser's WebAuthn prompt through @simplewebauthn/browser; the server verifies) and
 * removing one.
 */
export function StaffSecurityPage() {
  const { t, locale } = useI18n();
  const api = useApi();
  const { csrfToken, signedOut } = useSignedInStaff();
  usePageTitle(t.security.title);
  const passkeys = useLoad((signal) => api.staffPasskeys(signal), "passkeys");
  const [label, setLabel] = useState("");
  const [labelError, setLabelError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const expired = passkeys.state.kind === "error" && passkeys.state.error.status === 401;
  useEffect(() => {
    if (expired) signedOut("expired");
  }, [expired, signedOut]);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const name = label.trim();
    if (name === "" || [...name].length > 40) {
      setLabelError(t.security.labelRequired);
      return;
    }
    setLabelError(null);
    setBusy(true);
    setNotice(null);
    try {
      const outcome = await registerPasskeyInBrowser(
        () => api.staffPasskeyOptions(csrfToken),
        (body) => api.staffAddPasskey({ label: name, ...body }, csrfToken),
      );
      // A closed prompt or a refusing authenticator: nothing was registered.
      if (outcome.kind === "cancelled") return setNotice({ kind: "error", text: t.security.cancelled });
      if (outcome.kind === "failed") return setNotice({ kind: "error", text: outcome.error.message ?? t.meta.unexpectedError });
      setLabel("");
      setNotice({ kind: "success", text: t.security.added(outcome.data.label) });
      passkeys.reload();
    } finally {
      setBusy(false);
    }
  };

  const remove = async (credentialId: string, name: string) => {
    setNotice(null);
    const result = await api.staffRemovePasskey(credentialId, csrfToken);
    setNotice(result.ok ? { kind: "success", text: t.security.removed(name) } : { kind: "error", text: result.error.message ?? t.meta.unexpectedError });
    passkeys.reload();
  };

  return (
    <>
      <StaffNav current="security" />
      <PageTitle>{t.security.title}</PageTitle>
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
    </>
  );
}
