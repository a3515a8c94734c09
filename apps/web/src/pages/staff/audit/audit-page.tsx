import { useEffect, useState, type FormEvent } from "react";
import { auditExportUrl, requestDownload } from "../../../api.ts";
import type { AuditEntryView } from "../../../api-types.ts";
import { useApi } from "../../../app-context.tsx";
import { Alert } from "../../../components/alert.tsx";
import { Link } from "../../../components/link.tsx";
import { Loading } from "../../../components/loading.tsx";
import { PageTitle } from "../../../components/page-title.tsx";
import { TextField } from "../../../components/text-field.tsx";
import { saveDownloadedFile } from "../../../download.ts";
import { formatDateTime } from "../../../format.ts";
import { usePageTitle } from "../../../hooks/use-document-title.ts";
import { useLoad } from "../../../hooks/use-load.ts";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import { navigate, staffDetailPath } from "../../../router.ts";
import { useSignedInStaff } from "../staff-session.tsx";
import { StaffNav } from "../staff-nav.tsx";
import { useStepUp } from "../step-up/use-step-up.tsx";
import { RequestApproval } from "../approvals/request-approval.tsx";
import { auditExportSubject, needsApproval, type ApprovalSubject } from "../approvals/approvals-api.ts";
import { AccessedApplicationsSection } from "./accessed-applications.tsx";
import { AuditRetentionSection } from "./audit-retention.tsx";
import { auditApiParams, auditPath, parseAuditQuery, type AuditQuery } from "./audit-query.ts";

/** Entries per page of the viewer. */
const PAGE_SIZE = 100;

/**
 * `/staff/audit` — the audit log for staff administrators: filter by staff member, action and period
 * (kept in the URL), page through in sequence order, export the filtered log, and answer "which
 * residents' applications did this account open in this period". Every view is itself audited by the
 * server. The export needs a recent step-up (the shared prompt); the retention period is shown, and
 * changed here by holders of `retention.manage`.
 */
export function AuditPage() {
  const { t, locale } = useI18n();
  const api = useApi();
  const stepUp = useStepUp();
  const [exportError, setExportError] = useState<string | null>(null);
  // Over the threshold the export needs a second person's approval of this filter (ADR 24).
  const [exportApproval, setExportApproval] = useState<ApprovalSubject | null>(null);
  const { signedOut } = useSignedInStaff();
  usePageTitle(t.audit.title);
  const search = window.location.search;
  const query = parseAuditQuery(search);
  const [draft, setDraft] = useState<AuditQuery>(query);
  useEffect(() => setDraft(query), [search]); // eslint-disable-line react-hooks/exhaustive-deps -- follow Back/forward
  const page = useLoad((signal) => api.staffAudit({ ...auditApiParams(query), afterSeq: query.afterSeq, limit: PAGE_SIZE }, signal), search);
  const expired = page.state.kind === "error" && page.state.error.status === 401;
  useEffect(() => {
    if (expired) signedOut("expired");
  }, [expired, signedOut]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(auditPath({ ...draft, afterSeq: 0 }));
  };
  const set = (key: keyof Omit<AuditQuery, "afterSeq">) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const exportLog = async () => {
    setExportError(null);
    setExportApproval(null);
    const result = await stepUp.run(() => requestDownload(auditExportUrl(auditApiParams(query)), { locale }));
    if (!result.ok && needsApproval(result.error)) setExportApproval(auditExportSubject(auditApiParams(query)));
    if (result.ok) saveDownloadedFile(result.data, "madoguchi-audit.jsonl");
    else setExportError(result.error.message ?? String(result.error.status));
  };

  return (
    <>
      <StaffNav current="audit" />
      <PageTitle>{t.audit.title}</PageTitle>
      {page.state.kind === "ok" && <p>{t.audit.intro(page.state.data.retentionMonths)}</p>}
      <form className="filter-bar filter-bar--wrap" onSubmit={submit} aria-labelledby="audit-filter-heading">
        <h2 id="audit-filter-heading" className="visually-hidden">
          {t.audit.filterHeading}
        </h2>
        <TextField id="audit-staff-id" label={t.audit.staffId} help={t.audit.staffIdHelp} value={draft.staffId} onChange={set("staffId")} size="medium" testId="audit-staff-id" spellCheck={false} />
        <TextField id="audit-action" label={t.audit.action} help={t.audit.actionHelp} value={draft.action} onChange={set("action")} size="medium" testId="audit-action" spellCheck={false} />
        <TextField id="audit-from" type="date" label={t.audit.from} help={t.audit.dateHelp} value={draft.from} onChange={set("from")} size="short" testId="audit-from" />
        <TextField id="audit-to" type="date" label={t.audit.to} value={draft.to} onChange={set("to")} size="short" testId="audit-to" />
        <div className="filter-bar__actions">
          <button type="submit" className="button" data-testid="audit-search">
            {t.audit.search}
          </button>
          <Link href="/staff/audit" className="button button--secondary">
            {t.audit.clear}
          </Link>
          <button type="button" className="button button--ghost" onClick={() => void exportLog()} data-testid="audit-export">
            {t.audit.export}
          </button>
        </div>
      </form>
      {exportError !== null && (
        <Alert kind="error" testId="audit-export-error">
          <p>{exportError}</p>
        </Alert>
      )}
      {exportApproval !== null && <RequestApproval key={JSON.stringify(exportApproval)} kind="audit.export" subject={exportApproval} testId="audit-export-request-approval" />}
      {stepUp.prompt}

      {page.state.kind === "loading" && <Loading />}
      {page.state.kind === "error" && page.state.error.status !== 401 && (
        <>
          <Alert kind="error">
            <p>{page.state.error.status === 403 ? t.audit.forbidden : (page.state.error.message ?? t.meta.unexpectedError)}</p>
          </Alert>
          <button type="button" className="button" onClick={page.reload}>
            {t.meta.retry}
          </button>
        </>
      )}
      {page.state.kind === "ok" && <EntriesTable entries={page.state.data.entries} query={query} />}

      <AuditRetentionSection onChanged={page.reload} />

      <AccessedApplicationsSection initialStaffId={query.staffId} initialFrom={query.from} initialTo={query.to} />
    </>
  );
}

function EntriesTable({ entries, query }: { readonly entries: readonly AuditEntryView[]; readonly query: AuditQuery }) {
  const { t, locale } = useI18n();
  if (entries.length === 0) {
    return (
      <>
        <p data-testid="audit-empty">{t.audit.empty}</p>
        {query.afterSeq > 0 && <Link href={auditPath({ ...query, afterSeq: 0 })}>{t.audit.first}</Link>}
      </>
    );
  }
  const last = entries[entries.length - 1]!;
  return (
    <>
      <div className="table-scroll" role="region" aria-labelledby="audit-caption" tabIndex={0}>
        <table className="table table--rows" data-testid="audit-table">
          <caption id="audit-caption">{t.audit.caption(entries.length)}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">{t.audit.colSeq}</th>
              <th scope="col">{t.audit.colAt}</th>
              <th scope="col">{t.audit.colActor}</th>
              <th scope="col">{t.audit.colAction}</th>
              <th scope="col">{t.audit.colTarget}</th>
              <th scope="col">{t.audit.colResult}</th>
              <th scope="col">{t.audit.colSource}</th>
              <th scope="col">{t.audit.colDetails}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.seq} data-testid={`audit-row-${e.seq}`} data-action={e.action}>
                <td className="num">{e.seq}</td>
                <td>
                  <time dateTime={e.at}>{formatDateTime(e.at, locale)}</time>
                </td>
                <td>
                  {t.audit.actors[e.actor.kind] ?? e.actor.kind}
                  {e.actor.id !== null && (
                    <>
                      {" "}
                      <Link href={auditPath({ ...query, staffId: e.actor.id, afterSeq: 0 })} className="code">
                        {e.actor.id}
                      </Link>
                    </>
                  )}
                </td>
                <td className="code">{e.action}</td>
                <td>
                  {e.target === null ? "—" : e.target.kind === "application" ? <Link href={staffDetailPath(e.target.id)}>{e.target.id}</Link> : `${e.target.kind}: ${e.target.id}`}
                </td>
                <td>
                  <span className={`result-badge result-badge--${e.result}`}>{t.audit.results[e.result] ?? e.result}</span>
                </td>
                <td className="code">{e.sourceIp ?? "—"}</td>
                <td className="code">
                  {Object.entries(e.details)
                    .map(([k, v]) => `${k}=${String(v)}`)
                    .join(" ")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {entries.length >= PAGE_SIZE && (
        <nav className="pager" aria-label={t.audit.title}>
          <Link href={auditPath({ ...query, afterSeq: last.seq })} className="button button--secondary button--small" data-testid="audit-next">
            {t.audit.next}
          </Link>
        </nav>
      )}
    </>
  );
}
