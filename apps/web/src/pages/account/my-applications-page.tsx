import { Alert } from "../../components/alert.tsx";
import { Link } from "../../components/link.tsx";
import { Loading } from "../../components/loading.tsx";
import { PageTitle } from "../../components/page-title.tsx";
import { formatDateTime } from "../../format.ts";
import { HistoryTable } from "../../components/history-table.tsx";
import { usePageTitle } from "../../hooks/use-document-title.ts";
import { useLoad } from "../../hooks/use-load.ts";
import { AccountNav } from "./account-nav.tsx";
import { useAccount } from "./use-account.ts";

/** `/account` — R8: every application this account submitted, newest first, with its status. */
export function MyApplicationsPage() {
  const { t, m, api, locale, pick } = useAccount();
  usePageTitle(m.applications.title);
  const list = useLoad((signal) => api.applications(signal), "my-applications");
  return (
    <>
      <PageTitle>{m.applications.title}</PageTitle>
      {list.state.kind === "loading" && <Loading />}
      {list.state.kind === "error" && (
        <Alert kind={list.state.error.status === 401 ? "info" : "error"} testId="applications-error">
          <p>{list.state.error.status === 401 ? m.loginRequired : (list.state.error.message ?? t.meta.unexpectedError)}</p>
          {list.state.error.status === 401 && (
            <p>
              <Link href="/account/login">{m.login.title}</Link>
            </p>
          )}
        </Alert>
      )}
      {list.state.kind === "ok" && (
        <>
          <AccountNav />
          <p>{m.applications.intro}</p>
          {list.state.data.items.length === 0 ? (
            <p data-testid="applications-none">{m.applications.none}</p>
          ) : (
            <table className="table" data-testid="my-applications">
              <thead>
                <tr>
                  <th scope="col">{m.applications.receiptNumber}</th>
                  <th scope="col">{m.applications.procedure}</th>
                  <th scope="col">{m.applications.submittedAt}</th>
                  <th scope="col">{m.applications.status}</th>
                  <th scope="col">{m.applications.history}</th>
                </tr>
              </thead>
              <tbody>
                {list.state.data.items.map((a) => (
                  <tr key={a.receiptNumber} data-testid="my-application">
                    <td>{a.receiptNumber}</td>
                    <td>{pick(a.procedureName)}</td>
                    <td>
                      <time dateTime={a.submittedAt}>{formatDateTime(a.submittedAt, locale)}</time>
                    </td>
                    <td>
                      <strong className={`status-badge status-badge--${a.status}`}>{pick(a.statusLabel)}</strong>
                    </td>
                    <td>
                      <details>
                        <summary>{m.applications.showHistory}</summary>
                        <HistoryTable history={a.history} />
                      </details>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p>
            <Link href="/">{m.applications.apply}</Link>
          </p>
        </>
      )}
    </>
  );
}
