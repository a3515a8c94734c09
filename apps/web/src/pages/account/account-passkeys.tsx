import { browserSupportsWebAuthn } from "@simplewebauthn/browser";
import { Alert } from "../../components/alert.tsx";
import { Loading } from "../../components/loading.tsx";
import { PasskeyTable } from "../../components/passkey-table.tsx";
import { TextField } from "../../components/text-field.tsx";
import { usePasskeyManager } from "../../passkeys/use-passkey-manager.ts";
import type { ResidentMe } from "./account-api.ts";
import { useAccount } from "./use-account.ts";

/**
 * The passkeys section of `/account/settings`: the list, adding one (the current password typed at the
 * top of the page, then the device's prompt) and removing one. The server mails the owner after each
 * change. Adding needs a second step chosen (a passkey stands in for that step at login); the list and
 * removal are always there.
 */
export function AccountPasskeys({ me, currentPassword }: { readonly me: ResidentMe; readonly currentPassword: string }) {
  const { t, m, api, locale } = useAccount();
  const { passkeys, label, setLabel, labelError, busy, notice, add, remove } = usePasskeyManager(
    {
      list: (signal) => api.passkeys(signal),
      registrationOptions: () => api.passkeyOptions(me.csrfToken, currentPassword),
      register: (body) => api.addPasskey(me.csrfToken, body),
      remove: (credentialId) => api.removePasskey(me.csrfToken, credentialId),
    },
    m.passkeys,
    t.meta.unexpectedError,
    "resident-passkeys",
  );

  return (
    <section aria-labelledby="resident-passkeys-heading">
      <h2 id="resident-passkeys-heading">{m.passkeys.heading}</h2>
      <p>{m.passkeys.intro}</p>
      {notice !== null && (
        <Alert kind={notice.kind} testId="passkey-notice">
          <p>{notice.text}</p>
        </Alert>
      )}
      {passkeys.state.kind === "loading" && <Loading />}
      {passkeys.state.kind === "error" && (
        <Alert kind="error">
          <p>{passkeys.state.error.message ?? t.meta.unexpectedError}</p>
        </Alert>
      )}
      {passkeys.state.kind === "ok" && <PasskeyTable items={passkeys.state.data.items} texts={m.passkeys} locale={locale} onRemove={(id, name) => void remove(id, name)} />}
      {me.secondFactor === "none" ? (
        <p data-testid="passkey-needs-second-factor">{m.passkeys.needsSecondFactor}</p>
      ) : !browserSupportsWebAuthn() ? (
        <p>{m.passkeys.unsupported}</p>
      ) : (
        <form onSubmit={(e) => void add(e)} noValidate className="form">
          <TextField id="passkey-label" label={m.passkeys.label} help={m.passkeys.labelHelp} value={label} onChange={setLabel} errors={labelError === null ? [] : [labelError]} announceErrors size="medium" testId="passkey-label" />
          <div className="actions">
            <button type="submit" className="button button--secondary" data-testid="passkey-add" aria-disabled={busy || undefined} disabled={busy}>
              {busy ? m.passkeys.adding : m.passkeys.add}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
