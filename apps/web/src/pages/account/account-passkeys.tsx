import { useState, type FormEvent } from "react";
import { browserSupportsWebAuthn } from "@simplewebauthn/browser";
import { Alert } from "../../components/alert.tsx";
import { Loading } from "../../components/loading.tsx";
import { PasskeyTable } from "../../components/passkey-table.tsx";
import { TextField } from "../../components/text-field.tsx";
import { useLoad } from "../../hooks/use-load.ts";
import { registerPasskeyInBrowser } from "../../passkeys/passkey-ceremony.ts";
import type { ResidentMe } from "./account-api.ts";
import { useAccount } from "./use-account.ts";

type Notice = { readonly kind: "success" | "error"; readonly text: string } | null;

/**
 * The passkeys section of `/account/settings`: the list, adding one (the current password typed at the
 * top of the page, then the device's prompt) and removing one. The server mails the owner after each
 * change. Adding needs a second step chosen (a passkey stands in for that step at login); the list and
 * removal are always there.
 */
export function AccountPasskeys({ me, currentPassword }: { readonly me: ResidentMe; readonly currentPassword: string }) {
  const { t, m, api, locale } = useAccount();
  const passkeys = useLoad((signal) => api.passkeys(signal), "resident-passkeys");
  const [label, setLabel] = useState("");
  const [labelError, setLabelError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const name = label.trim();
    if (name === "" || [...name].length > 40) {
      setLabelError(m.passkeys.labelRequired);
      return;
    }
    setLabelError(null);
    setBusy(true);
    setNotice(null);
    try {
      const outcome = await registerPasskeyInBrowser(
        () => api.passkeyOptions(me.csrfToken, currentPassword),
        (body) => api.addPasskey(me.csrfToken, { label: name, ...body }),
      );
      if (outcome.kind === "cancelled") return setNotice({ kind: "error", text: m.passkeys.cancelled });
      if (outcome.kind === "failed") return setNotice({ kind: "error", text: outcome.error.message ?? t.meta.unexpectedError });
      setLabel("");
      setNotice({ kind: "success", text: m.passkeys.added(outcome.data.label) });
      passkeys.reload();
    } finally {
      setBusy(false);
    }
  };

  const remove = async (credentialId: string, name: string) => {
    setNotice(null);
    const result = await api.removePasskey(me.csrfToken, credentialId);
    setNotice(result.ok ? { kind: "success", text: m.passkeys.removed(name) } : { kind: "error", text: result.error.message ?? t.meta.unexpectedError });
    passkeys.reload();
  };

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
