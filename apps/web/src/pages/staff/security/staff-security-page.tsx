import { useEffect, useState, type FormEvent } from "react";
import { browserSupportsWebAuthn, startRegistration } from "@simplewebauthn/browser";
import { useApi } from "../../../app-context.tsx";
import { Alert } from "../../../components/alert.tsx";
import { Loading } from "../../../components/loading.tsx";
import { PageTitle } from "../../../components/page-title.tsx";
import { TextField } from "../../../components/text-field.tsx";
import { formatDateTime } from "../../../format.ts";
import { usePageTitle } from "../../../hooks/use-document-title.ts";
import { useLoad } from "../../../hooks/use-load.ts";
import { useI18n } from "../../../i18n/i18n-context.tsx";
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
      const start = await api.staffPasskeyOptions(csrfToken);
      if (!start.ok) return setNotice({ kind: "error", text: start.error.message ?? t.meta.unexpectedError });
      let response: unknown;
      try {
        response = await startRegistration({ optionsJSON: start.data.publicKey as never });
      } catch {
        // The person closed the prompt, or the authenticator refused: nothing was registered.
        return setNotice({ kind: "error", text: t.security.cancelled });
      }
      const added = await api.staffAddPasskey({ label: name, challenge: start.data.challenge, response }, csrfToken);
      if (!added.ok) return setNotice({ kind: "error", text: added.error.message ?? t.meta.unexpectedError });
      setLabel("");
      setNotice({ kind: "success", text: t.security.added(added.data.label) });
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
        {passkeys.state.kind === "ok" &&
          (passkeys.state.data.items.length === 0 ? (
            <p data-testid="passkeys-none">{t.security.none}</p>
          ) : (
            <div className="table-scroll" role="region" aria-labelledby="passkeys-caption" tabIndex={0}>
              <table className="table table--rows" data-testid="passkeys-table">
                <caption id="passkeys-caption">{t.security.caption(passkeys.state.data.items.length)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.security.colLabel}</th>
                    <th scope="col">{t.security.colCreated}</th>
                    <th scope="col">{t.security.colLastUsed}</th>
                    <th scope="col">{t.security.colSynced}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t.security.remove}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {passkeys.state.data.items.map((p) => (
                    <tr key={p.credentialId} data-testid="passkey-row">
                      <th scope="row">{p.label}</th>
                      <td>
                        <time dateTime={p.createdAt}>{formatDateTime(p.createdAt, locale)}</time>
                      </td>
                      <td>{p.lastUsedAt === null ? t.security.never : <time dateTime={p.lastUsedAt}>{formatDateTime(p.lastUsedAt, locale)}</time>}</td>
                      <td>{p.synced ? t.security.synced : t.security.deviceBound}</td>
                      <td>
                        <button type="button" className="button button--secondary button--small" aria-label={t.security.removeLabel(p.label)} onClick={() => void remove(p.credentialId, p.label)}>
                          {t.security.remove}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
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
