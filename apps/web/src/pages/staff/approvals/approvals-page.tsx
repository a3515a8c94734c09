import { useState } from "react";
import { requestDownload, requestJson } from "../../../api.ts";
import type { ApiResult } from "../../../api-result.ts";
import { Alert } from "../../../components/alert.tsx";
import { Loading } from "../../../components/loading.tsx";
import { PageTitle } from "../../../components/page-title.tsx";
import { saveDownloadedFile } from "../../../download.ts";
import { formatDateTime } from "../../../format.ts";
import { usePageTitle } from "../../../hooks/use-document-title.ts";
import { useLoad } from "../../../hooks/use-load.ts";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import { navigate, staffDetailPath } from "../../../router.ts";
import { StaffNav } from "../staff-nav.tsx";
import { isRetentionShortening, RETENTION_SETTING_PATHS } from "../retention/retention-settings.ts";
import { useStepUp } from "../step-up/use-step-up.tsx";
import { approvalMessages, describeSubject } from "./approval-messages.ts";
import { approvalsApi, approvedExportUrl, type ApprovalView } from "./approvals-api.ts";

/**
 * `/staff/approvals` — two-person approval (docs/adr/0024-two-person-approval.md): the requests the member
 * may approve or reject (someone else's, for an action whose permission they hold), and their own
 * requests; an approved one of their own is carried out here, once. Deciding asks for a recent step-up
 * (the shared prompt); the server checks everything again.
 */
export function ApprovalsPage() {
  const { locale } = useI18n();
  const m = approvalMessages[locale];
  usePageTitle(m.title);
  const api = approvalsApi(locale);
  const stepUp = useStepUp();
  const list = useLoad((signal) => api.list(signal), `approvals-${locale}`);
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);

  const done = (result: ApiResult<unknown>, success: string) => {
    setMessage(result.ok ? { kind: "success", text: success } : { kind: "error", text: result.error.message ?? String(result.error.status) });
    list.reload();
  };

  const decide = async (item: ApprovalView, decision: "approve" | "reject") => {
    setMessage(null);
    done(await stepUp.run((csrf) => api.decide(item.id, decision, csrf)), decision === "approve" ? m.approved : m.rejected);
  };

  const carryOut = async (item: ApprovalView) => {
    setMessage(null);
    // A fee change is carried out where it is made: the application's fee form, which sends the approval's id.
    if (item.kind === "fee.change") {
      navigate(staffDetailPath(String(item.subject["applicationId"])));
      return;
    }
    // A retention shortening is carried out on the setting its kind names, with the approval's id.
    const kind = item.kind;
    if (isRetentionShortening(kind)) {
      const body = { months: item.subject["months"], approvalId: item.id };
      done(await stepUp.run((csrf) => requestJson("PUT", RETENTION_SETTING_PATHS[kind], { locale, body, csrfToken: csrf })), m.carriedOut);
      return;
    }
    const file = await stepUp.run(() => requestDownload(approvedExportUrl(item.kind as "applications.export" | "audit.export", item.subject, item.id), { locale }));
    if (file.ok) saveDownloadedFile(file.data, item.kind === "applications.export" ? "madoguchi-applications.csv" : "madoguchi-audit.jsonl");
    done(file, m.carriedOut);
  };

  return (
    <>
      <StaffNav current="approvals" />
      <PageTitle>{m.title}</PageTitle>
      <p>{m.intro}</p>
      {message !== null && (
        <Alert kind={message.kind} testId="approvals-message">
          <p>{message.text}</p>
        </Alert>
      )}
      {stepUp.prompt}
      {list.state.kind === "loading" && <Loading />}
      {list.state.kind === "error" && (
        <Alert kind="error" testId="approvals-error">
          <p>{list.state.error.message ?? String(list.state.error.status)}</p>
        </Alert>
      )}
      {list.state.kind === "ok" && list.state.data.items.length === 0 && <p data-testid="approvals-empty">{m.empty}</p>}
      {list.state.kind === "ok" && list.state.data.items.length > 0 && (
        <table className="table" data-testid="approvals-table">
          <thead>
            <tr>
              <th scope="col">{m.content}</th>
              <th scope="col">{m.requestedBy}</th>
              <th scope="col">{m.status}</th>
              <th scope="col">
                <span className="visually-hidden">{m.approve}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.state.data.items.map((item) => (
              <tr key={item.id} data-testid="approval-row" data-approval-id={item.id}>
                <td>
                  <strong>{m.kind[item.kind]}</strong>
                  <br />
                  {describeSubject(locale, item.kind, item.subject)}
                </td>
                <td>
                  {item.requestedBy.displayName}
                  <br />
                  <small>{formatDateTime(item.requestedAt, locale)}</small>
                </td>
                <td data-testid="approval-state">
                  {m.state[item.state]}
                  {item.decidedBy !== null && (
                    <>
                      <br />
                      <small>
                        {m.decidedBy}: {item.decidedBy.displayName}
                      </small>
                    </>
                  )}
                </td>
                <td>
                  {item.canDecide && (
                    <>
                      <button type="button" className="button" onClick={() => void decide(item, "approve")} data-testid="approval-approve">
                        {m.approve}
                      </button>{" "}
                      <button type="button" className="button button--ghost" onClick={() => void decide(item, "reject")} data-testid="approval-reject">
                        {m.reject}
                      </button>
                    </>
                  )}
                  {item.canCarryOut && (
                    <button type="button" className="button" onClick={() => void carryOut(item)} data-testid="approval-carry-out">
                      {m.carryOut}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
