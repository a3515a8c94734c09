import { useEffect, useRef, useState } from "react";
import { Alert } from "../../../components/alert.tsx";
import { Loading } from "../../../components/loading.tsx";
import { formatDateTime } from "../../../format.ts";
import type { LoadState } from "../../../hooks/use-load.ts";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import { useStepUp } from "../step-up/use-step-up.tsx";
import { retentionApi, type ExpiredApplication, type ExpiredApplications } from "./retention-api.ts";

const M = {
  ja: {
    heading: "保存期間を過ぎた申請",
    intro: (months: number) => `終了（完了・不受理・取下げ）から ${months} か月を過ぎた申請です。1 時間ごとの定期処理で自動的に削除されます。ここで今すぐ削除することもできます。`,
    empty: "保存期間を過ぎた申請はありません。",
    more: "100 件を超えています。終了の早い 100 件だけを表示しています（削除はすべてが対象です）。",
    caption: (count: number, more: boolean) => `保存期間を過ぎた申請（${more ? `${count} 件以上` : `${count} 件`}）`,
    cols: { receipt: "受付番号", procedure: "手続", status: "状態", finished: "終了日時", expired: "保存期限" },
    purge: "期限を過ぎた申請を今すぐ削除",
    warning: "保存期間を過ぎた申請をすべて完全に削除します。申請の内容は元に戻せません（削除したことは監査ログに残ります）。",
    confirm: "削除する（元に戻せません）",
    cancel: "やめる",
    purged: (count: number) => `${count} 件を削除しました。`,
    purgedMore: "まだ残っている申請は、次の定期処理で削除されます（もう一度削除することもできます）。",
    retry: "再読み込み",
  },
  en: {
    heading: "Applications past the retention period",
    intro: (months: number) => `Applications that finished (completed, rejected or withdrawn) more than ${months} months ago. They are deleted automatically every hour; you can also delete them now.`,
    empty: "No application is past the retention period.",
    more: "There are more than 100: the 100 that finished first are shown (deleting takes them all).",
    caption: (count: number, more: boolean) => `Applications past the retention period (${more ? `more than ${count}` : count})`,
    cols: { receipt: "Receipt number", procedure: "Procedure", status: "Status", finished: "Finished", expired: "Retention ended" },
    purge: "Delete the applications past the period now",
    warning: "Every application past the retention period will be deleted for good. Their contents cannot be restored (the deletion is recorded in the audit log).",
    confirm: "Delete (cannot be undone)",
    cancel: "Cancel",
    purged: (count: number) => `${count === 1 ? "1 application" : `${count} applications`} deleted.`,
    purgedMore: "The ones still left are deleted at the next scheduled run (or delete again now).",
    retry: "Reload",
  },
} as const;

/**
 * The finished applications kept longer than the period (S4), and their deletion now, in bulk: an in-page
 * confirmation first (a deletion cannot be undone), then the shared step-up prompt. `expired` is loaded by the page,
 * which also reloads it when the period changes.
 */
export function ExpiredApplicationsSection({ expired }: { readonly expired: { readonly state: LoadState<ExpiredApplications>; readonly reload: () => void } }) {
  const { locale } = useI18n();
  const m = M[locale];
  const stepUp = useStepUp();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const purgeRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  // Keyboard and screen-reader users follow the step: the warning when it opens, the button again when cancelled.
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (wasConfirming.current) purgeRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  const purge = async () => {
    // The confirmation closes on the answer: the message is announced then, and focus is not sent to a button the
    // emptied list no longer shows.
    wasConfirming.current = false;
    setBusy(true);
    setMessage(null);
    const result = await stepUp.run((csrf) => retentionApi(locale).purge(csrf));
    setBusy(false);
    setConfirming(false);
    if (result.ok) setMessage({ kind: "success", text: result.data.more ? `${m.purged(result.data.purged)} ${m.purgedMore}` : m.purged(result.data.purged) });
    else setMessage({ kind: "error", text: result.error.message ?? String(result.error.status) });
    expired.reload();
  };

  const data = expired.state.kind === "ok" ? expired.state.data : null;
  return (
    <section aria-labelledby="expired-applications-heading" className="section" data-testid="expired-applications">
      <h2 id="expired-applications-heading">{m.heading}</h2>
      {data !== null && <p>{m.intro(data.months)}</p>}
      {message !== null && (
        <Alert kind={message.kind} testId="purge-message">
          <p>{message.text}</p>
        </Alert>
      )}
      {stepUp.prompt}
      {expired.state.kind === "loading" && <Loading />}
      {expired.state.kind === "error" && (
        <>
          <Alert kind="error" testId="expired-applications-error">
            <p>{expired.state.error.message ?? String(expired.state.error.status)}</p>
          </Alert>
          <button type="button" className="button" onClick={expired.reload}>
            {m.retry}
          </button>
        </>
      )}
      {data !== null && data.items.length === 0 && <p data-testid="expired-applications-empty">{m.empty}</p>}
      {data !== null && data.items.length > 0 && (
        <>
          {data.more && <p data-testid="expired-applications-more">{m.more}</p>}
          <ExpiredTable items={data.items} more={data.more} />
          {confirming ? (
            <div ref={confirmRef} tabIndex={-1} className="alert alert--warning" data-testid="purge-confirmation">
              <p>{m.warning}</p>
              <div className="actions">
                <button type="button" className="button button--warning" disabled={busy} onClick={() => void purge()} data-testid="purge-expired-confirm">
                  {m.confirm}
                </button>{" "}
                <button type="button" className="button button--ghost" disabled={busy} onClick={() => setConfirming(false)} data-testid="purge-expired-cancel">
                  {m.cancel}
                </button>
              </div>
            </div>
          ) : (
            <div className="actions">
              <button
                ref={purgeRef}
                type="button"
                className="button button--warning"
                onClick={() => {
                  setMessage(null);
                  setConfirming(true);
                }}
                data-testid="purge-expired"
              >
                {m.purge}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function ExpiredTable({ items, more }: { readonly items: readonly ExpiredApplication[]; readonly more: boolean }) {
  const { t, locale } = useI18n();
  const m = M[locale];
  return (
    <div className="table-scroll" role="region" aria-labelledby="expired-applications-caption" tabIndex={0}>
      <table className="table table--rows">
        <caption id="expired-applications-caption">{m.caption(items.length, more)}</caption>
        <thead>
          <tr>
            <th scope="col">{m.cols.receipt}</th>
            <th scope="col">{m.cols.procedure}</th>
            <th scope="col">{m.cols.status}</th>
            <th scope="col">{m.cols.finished}</th>
            <th scope="col">{m.cols.expired}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.receiptNumber} data-testid="expired-application-row">
              <th scope="row">{item.receiptNumber}</th>
              <td>{item.procedureName}</td>
              <td>
                <span className={`status-badge status-badge--${item.status}`}>{t.statuses[item.status]}</span>
              </td>
              <td>
                <time dateTime={item.finishedAt}>{formatDateTime(item.finishedAt, locale)}</time>
              </td>
              <td>
                <time dateTime={item.expiredAt}>{formatDateTime(item.expiredAt, locale)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
