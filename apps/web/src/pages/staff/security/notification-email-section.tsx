import { useState, type FormEvent } from "react";
import { requestJson } from "../../../api.ts";
import { Alert } from "../../../components/alert.tsx";
import { TextField } from "../../../components/text-field.tsx";
import { useLoad } from "../../../hooks/use-load.ts";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import type { useStepUp } from "../step-up/use-step-up.tsx";

const PATH = "/api/staff/me/notification-email";

const M = {
  ja: {
    heading: "通知メール",
    intro: "担当する手続に新しい申請が届いたときと、未着手の申請が残っているとき（1日1回）に、このアドレスへお知らせします。申請者の情報は含みません。",
    current: (email: string | null) => (email === null ? "現在、通知メールは受け取らない設定です。" : `現在の送信先: ${email}`),
    label: "送信先のメールアドレス",
    save: "このアドレスで受け取る",
    stop: "通知メールを受け取らない",
    saved: (email: string | null) => (email === null ? "通知メールを受け取らない設定にしました。" : "送信先を変更しました。"),
    invalid: "メールアドレスの形式で入力してください。",
  },
  en: {
    heading: "Notification mails",
    intro: "When a new application arrives for your procedures, and once a day while some wait untouched, you are told at this address. The mails hold nothing of the applicant.",
    current: (email: string | null) => (email === null ? "You receive no notification mails now." : `Sent to: ${email}`),
    label: "Email address",
    save: "Receive them at this address",
    stop: "Receive no notification mails",
    saved: (email: string | null) => (email === null ? "You will receive no notification mails." : "The address is changed."),
    invalid: "Enter an email address.",
  },
} as const;

/**
 * S7 on the member's security page: where the mails of new applications and the daily reminders go, or none. A
 * change asks for the authenticator code again when the last one is not recent (the page's shared step-up).
 */
export function NotificationEmailSection({ stepUp }: { readonly stepUp: ReturnType<typeof useStepUp> }) {
  const { locale } = useI18n();
  const m = M[locale];
  const loaded = useLoad((signal) => requestJson<{ readonly email: string | null }>("GET", PATH, { locale, signal }), "notification-email");
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);

  const change = async (email: string | null) => {
    setMessage(null);
    const result = await stepUp.run((csrf) => requestJson<{ readonly email: string | null }>("PUT", PATH, { locale, body: { email }, csrfToken: csrf }));
    if (!result.ok) {
      setMessage({ kind: "error", text: result.error.message ?? String(result.error.status) });
      return;
    }
    loaded.set(result.data);
    setDraft("");
    setMessage({ kind: "success", text: m.saved(result.data.email) });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!/^[^\s@]{1,64}@[^\s@]{1,255}$/.test(draft.trim())) {
      setError(m.invalid);
      return;
    }
    void change(draft.trim());
  };

  return (
    <section aria-labelledby="notification-email-heading" className="section" data-testid="notification-email">
      <h2 id="notification-email-heading">{m.heading}</h2>
      <p>{m.intro}</p>
      {loaded.state.kind === "ok" && <p data-testid="notification-email-current">{m.current(loaded.state.data.email)}</p>}
      {message !== null && (
        <Alert kind={message.kind} testId="notification-email-message">
          <p>{message.text}</p>
        </Alert>
      )}
      <form noValidate className="form form--narrow" onSubmit={submit}>
        <TextField id="notification-email-input" label={m.label} type="email" value={draft} onChange={setDraft} errors={error === null ? [] : [error]} announceErrors testId="notification-email-input" />
        <div className="actions">
          <button type="submit" className="button" data-testid="notification-email-save">
            {m.save}
          </button>{" "}
          {loaded.state.kind === "ok" && loaded.state.data.email !== null && (
            <button type="button" className="button button--ghost" onClick={() => void change(null)} data-testid="notification-email-stop">
              {m.stop}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
