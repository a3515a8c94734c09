import { useState } from "react";
import { Alert } from "../../components/alert.tsx";
import { Loading } from "../../components/loading.tsx";
import { useLoad } from "../../hooks/use-load.ts";
import { failureText, type ResidentMe } from "./account-api.ts";
import { jpkiApi } from "./jpki-api.ts";
import { JpkiCardPin } from "./jpki-card-pin.tsx";
import { jpkiMessages } from "./jpki-messages.ts";
import { useAccount } from "./use-account.ts";

/**
 * The "My Number card" section of `/account/settings`: the linked cards, linking one through the
 * Digital Authentication App (the app then sends the resident to `/account/jpki-callback`), unlinking.
 */
export function AccountJpki({ me }: { readonly me: ResidentMe }) {
  const { t, locale } = useAccount();
  const j = jpkiMessages(locale);
  const api = jpkiApi(locale);
  const links = useLoad((signal) => api.links(signal), "resident-jpki-links");
  const options = useLoad(() => api.options(), "resident-jpki-options");
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ kind: "success" | "error"; text: string } | null>(null);

  const link = async () => {
    if (busy) return;
    setBusy(true);
    const started = await api.startLink(me.csrfToken);
    if (started.ok) {
      window.location.assign(started.data.authorizationUrl);
      return;
    }
    setBusy(false);
    setNotice({ kind: "error", text: failureText(started, t.meta.unexpectedError) });
  };
  const unlink = async (id: string) => {
    if (busy) return;
    setBusy(true);
    const removed = await api.unlink(me.csrfToken, id);
    setBusy(false);
    setNotice(removed.ok ? { kind: "success", text: j.unlinked } : { kind: "error", text: failureText(removed, t.meta.unexpectedError) });
    links.reload();
  };

  return (
    <section aria-labelledby="jpki-heading">
      <h2 id="jpki-heading">{j.heading}</h2>
      <p>{j.explain}</p>
      {notice !== null && (
        <Alert kind={notice.kind} testId="jpki-notice">
          <p>{notice.text}</p>
        </Alert>
      )}
      {links.state.kind === "loading" && <Loading />}
      {links.state.kind === "error" && (
        <Alert kind="error">
          <p>{links.state.error.message ?? t.meta.unexpectedError}</p>
        </Alert>
      )}
      {links.state.kind === "ok" && (
        <>
          {links.state.data.items.length === 0 ? (
            <p data-testid="jpki-none">{j.none}</p>
          ) : (
            <table className="table" data-testid="jpki-links">
              <thead>
                <tr>
                  <th scope="col">{j.method}</th>
                  <th scope="col">{j.linkedAt}</th>
                  <th scope="col">
                    <span className="visually-hidden">{j.unlink}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {links.state.data.items.map((item) => (
                  <tr key={item.id}>
                    <td>{item.method === "digital_auth_app" ? j.methodApp : j.methodCard}</td>
                    <td>{new Date(item.linkedAt).toLocaleString(locale === "ja" ? "ja-JP" : "en-GB")}</td>
                    <td>
                      <button type="button" className="button button--secondary" data-testid="jpki-unlink" aria-disabled={busy || undefined} onClick={() => void unlink(item.id)}>
                        {j.unlink}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {options.state.kind === "ok" && options.state.data.card && (
            <JpkiCardPin
              label={j.cardLink}
              start={() => api.cardStartLink(me.csrfToken)}
              onDone={(data) => {
                setNotice({ kind: "success", text: "status" in data && !data.created ? j.alreadyLinked : j.linked });
                links.reload();
              }}
            />
          )}
          {links.state.data.digitalAuthApp ? (
            <div className="actions">
              <button type="button" className="button" data-testid="jpki-link" aria-disabled={busy || undefined} onClick={() => void link()}>
                {j.link}
              </button>
            </div>
          ) : (
            <p>{j.unavailable}</p>
          )}
        </>
      )}
    </section>
  );
}
