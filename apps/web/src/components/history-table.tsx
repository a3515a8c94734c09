import type { HistoryEntry } from "../api-types.ts";
import { formatDateTime } from "../format.ts";
import { useI18n } from "../i18n/i18n-context.tsx";

/** An application's status history: when, which status, and the reason staff gave (if any). */
export function HistoryTable({ history }: { readonly history: readonly HistoryEntry[] }) {
  const { t, locale, pick } = useI18n();
  return (
    <div className="table-scroll">
      <table className="table" data-testid="history">
        <caption className="visually-hidden">{t.status.history}</caption>
        <thead>
          <tr>
            <th scope="col">{t.status.historyDate}</th>
            <th scope="col">{t.status.historyStatus}</th>
            <th scope="col">{t.status.historyReason}</th>
          </tr>
        </thead>
        <tbody>
          {history.map((entry, i) => (
            <tr key={i}>
              <td>
                <time dateTime={entry.at}>{formatDateTime(entry.at, locale)}</time>
              </td>
              <td>{pick(entry.toLabel)}</td>
              <td className="prewrap">{entry.reason ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
