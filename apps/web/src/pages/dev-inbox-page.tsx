import { useApi } from "../app-context.tsx";
import type { InboxMessage } from "../api-types.ts";
import { Alert } from "../components/alert.tsx";
import { Loading } from "../components/loading.tsx";
import { PageTitle } from "../components/page-title.tsx";
import { formatDateTime } from "../format.ts";
import { usePageTitle } from "../hooks/use-document-title.ts";
import { useLoad } from "../hooks/use-load.ts";
import { useI18n } from "../i18n/i18n-context.tsx";

/** Newest first, whatever order the server used (ISO timestamps compare as dates). */
export const newestFirst = (messages: readonly InboxMessage[]): InboxMessage[] =>
  [...messages].sort((a, b) => Date.parse(b.receivedAt) - Date.parse(a.receivedAt));

/** `/dev/inbox` — the mails the embedded profile "sent", for trying the app without a mail server. */
export function DevInboxPage() {
  const { t, locale } = useI18n();
  const api = useApi();
  usePageTitle(t.inbox.title);
  const inbox = useLoad((signal) => api.devInbox(signal), "inbox");

  return (
    <>
      <PageTitle>{t.inbox.title}</PageTitle>
      <p>{t.inbox.intro}</p>
      <div className="actions">
        <button type="button" className="button button--secondary" data-testid="inbox-reload" onClick={inbox.reload}>
          {t.inbox.reload}
        </button>
      </div>
      {inbox.state.kind === "loading" && <Loading />}
      {inbox.state.kind === "error" &&
        (inbox.state.error.status === 404 ? (
          <Alert kind="info" testId="inbox-off">
            <p>{t.inbox.off}</p>
          </Alert>
        ) : (
          <Alert kind="error">
            <p>{inbox.state.error.message ?? t.meta.unexpectedError}</p>
          </Alert>
        ))}
      {inbox.state.kind === "ok" &&
        (inbox.state.data.messages.length === 0 ? (
          <p>{t.inbox.empty}</p>
        ) : (
          <ol className="mail-list">
            {newestFirst(inbox.state.data.messages).map((message, index) => (
              <li key={message.id}>
                <article className="card mail" data-testid={`mail-${index}`} aria-labelledby={`mail-${index}-subject`}>
                  <h2 id={`mail-${index}-subject`} className="mail__subject">
                    {message.subject}
                  </h2>
                  <dl className="mail__meta">
                    <div>
                      <dt>{t.inbox.to}</dt>
                      <dd>{message.to}</dd>
                    </div>
                    <div>
                      <dt>{t.inbox.date}</dt>
                      <dd>
                        <time dateTime={message.receivedAt}>{formatDateTime(message.receivedAt, locale)}</time>
                      </dd>
                    </div>
                  </dl>
                  <pre className="mail__text">{message.text}</pre>
                </article>
              </li>
            ))}
          </ol>
        ))}
    </>
  );
}
