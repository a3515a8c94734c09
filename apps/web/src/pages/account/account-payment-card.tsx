import { useState } from "react";
import { Alert } from "../../components/alert.tsx";
import { Loading } from "../../components/loading.tsx";
import { useLoad } from "../../hooks/use-load.ts";
import { CardFields } from "../../payments/card-fields.tsx";
import { paymentMessages, savedCardLabel } from "../apply/payment-messages.ts";
import type { ResidentMe } from "./account-api.ts";
import { paymentCardApi } from "./payment-card-api.ts";
import { useAccount } from "./use-account.ts";

/**
 * The saved-card section of `/account/settings` (R6): the card on file (brand, last 4, expiry), saving
 * or changing it through the gateway's card fields ({@link CardFields}: the sandbox's hosted fields or
 * Stripe Elements — the card never reaches our server, only a single-use token), and deleting it — at any time.
 */
export function AccountPaymentCard({ me }: { readonly me: ResidentMe }) {
  const { t, locale } = useAccount();
  const pm = paymentMessages(locale);
  const api = paymentCardApi(locale);
  const card = useLoad((signal) => api.get(signal), "resident-payment-card");
  const [editing, setEditing] = useState(false);
  const [frameGeneration, setFrameGeneration] = useState(0);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const save = (token: string) => {
    if (busy) return;
    setBusy(true);
    void api.save(me.csrfToken, token).then((result) => {
      setBusy(false);
      if (result.ok) {
        card.set({ card: result.data.card });
        setEditing(false);
        setNotice({ kind: "success", text: pm.settingsSaved });
      } else {
        setFrameGeneration((g) => g + 1); // tokens are single-use: a fresh form
        setNotice({ kind: "error", text: result.error.message ?? t.meta.unexpectedError });
      }
    });
  };

  const remove = async () => {
    if (busy) return;
    setBusy(true);
    const result = await api.remove(me.csrfToken);
    setBusy(false);
    if (result.ok) {
      card.set({ card: null });
      setNotice({ kind: "success", text: pm.settingsDeleted });
    } else {
      setNotice({ kind: "error", text: result.error.message ?? t.meta.unexpectedError });
    }
  };

  const current = card.state.kind === "ok" ? card.state.data.card : null;
  return (
    <section aria-labelledby="payment-card-heading" data-testid="payment-card-settings">
      <h2 id="payment-card-heading">{pm.settingsHeading}</h2>
      <p>{pm.settingsIntro}</p>
      {notice !== null && (
        <Alert kind={notice.kind} testId="payment-card-notice">
          <p>{notice.text}</p>
        </Alert>
      )}
      {card.state.kind === "loading" && <Loading />}
      {card.state.kind === "error" && (
        <Alert kind="error">
          <p>{card.state.error.message ?? t.meta.unexpectedError}</p>
        </Alert>
      )}
      {card.state.kind === "ok" && (
        <>
          <p data-testid="payment-card-current">{current === null ? pm.settingsNone : `${pm.settingsCurrent}: ${savedCardLabel(locale, current)}`}</p>
          <div className="actions">
            {!editing && (
              <button type="button" className="button" data-testid="payment-card-edit" onClick={() => setEditing(true)}>
                {current === null ? pm.settingsAdd : pm.settingsChange}
              </button>
            )}
            {editing && (
              <button type="button" className="button button--secondary" onClick={() => setEditing(false)}>
                {pm.settingsCancel}
              </button>
            )}
            {current !== null && (
              <button type="button" className="button button--secondary" data-testid="payment-card-delete" disabled={busy} onClick={() => void remove()}>
                {pm.settingsDelete}
              </button>
            )}
          </div>
          {editing && (
            <CardFields
              generation={frameGeneration}
              busy={busy}
              onToken={save}
              // The card fields show the card's problem themselves; nothing was sent to us.
              onCardError={() => undefined}
              action="save"
              title={pm.settingsFrameTitle}
              testId="payment-card-frame"
            />
          )}
        </>
      )}
    </section>
  );
}
