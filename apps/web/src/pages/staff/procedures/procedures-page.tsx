import { useState } from "react";
import type { StaffProcedureCatalog } from "../../../api-types.ts";
import { requestJson } from "../../../api.ts";
import { Alert } from "../../../components/alert.tsx";
import { Link } from "../../../components/link.tsx";
import { Loading } from "../../../components/loading.tsx";
import { PageTitle } from "../../../components/page-title.tsx";
import { formatYen } from "../../../format.ts";
import { usePageTitle } from "../../../hooks/use-document-title.ts";
import { useLoad } from "../../../hooks/use-load.ts";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import { StaffNav } from "../staff-nav.tsx";
import { PROCEDURE_LISTS_PATH } from "./procedure-lists.ts";
import { procedureListsLinkLabel } from "./procedure-lists-messages.ts";
import { portalLink, PROCEDURE_NEW_PATH, procedureEditPath } from "./procedure-paths.ts";
import { procedureMessages } from "./procedures-messages.ts";

/** Loads the editor's catalog (`GET /api/staff/procedures`, `forms.manage`). */
export const loadStaffProcedures = (locale: "ja" | "en", signal: AbortSignal) =>
  requestJson<StaffProcedureCatalog>("GET", "/api/staff/procedures", { locale, signal });

/** Whether this browser lets the page write to the clipboard (not over plain http, not in old browsers). */
const canCopy = (): boolean => typeof navigator !== "undefined" && navigator.clipboard !== undefined && typeof navigator.clipboard.writeText === "function";

/**
 * `/staff/procedures` — S6: every procedure, published or stopped, with the link to post on the portal; each opens
 * in the editor, and a new one is added there. Procedures are never deleted (applications name them).
 */
export function ProceduresPage() {
  const { locale, t } = useI18n();
  const m = procedureMessages[locale];
  usePageTitle(m.title);
  const loaded = useLoad((signal) => loadStaffProcedures(locale, signal), `staff-procedures-${locale}`);
  const [copyResult, setCopyResult] = useState<{ readonly id: string; readonly ok: boolean } | null>(null);

  const header = (
    <>
      <StaffNav current="procedures" />
      <PageTitle>{m.title}</PageTitle>
    </>
  );
  if (loaded.state.kind === "loading") {
    return (
      <>
        {header}
        <Loading />
      </>
    );
  }
  if (loaded.state.kind === "error") {
    const error = loaded.state.error;
    return (
      <>
        {header}
        <Alert kind="error" testId="procedures-error">
          <p>{error.message ?? (error.status === 0 ? t.meta.networkError : t.meta.unexpectedError)}</p>
        </Alert>
      </>
    );
  }
  const catalog = loaded.state.data;

  const copy = (id: string, link: string) => {
    setCopyResult(null);
    navigator.clipboard.writeText(link).then(
      () => setCopyResult({ id, ok: true }),
      () => setCopyResult({ id, ok: false }),
    );
  };

  return (
    <>
      {header}
      <p>{m.listIntro}</p>
      <Alert kind="info" testId="procedures-source">
        <p>{catalog.source === "file" ? m.sourceFile : m.sourceBackOffice}</p>
      </Alert>
      <p>
        <Link href={PROCEDURE_NEW_PATH} className="button" data-testid="procedures-add">
          {m.add}
        </Link>
      </p>
      <p>
        <Link href={PROCEDURE_LISTS_PATH} data-testid="procedures-lists-link">
          {procedureListsLinkLabel[locale]}
        </Link>
      </p>
      {copyResult !== null && (
        <Alert kind={copyResult.ok ? "success" : "error"} testId="procedures-copy-message">
          <p>{copyResult.ok ? m.copied : m.copyFailed}</p>
        </Alert>
      )}
      {catalog.procedures.length === 0 ? (
        <p data-testid="procedures-none">{m.none}</p>
      ) : (
        <div className="table-scroll">
          <table className="table table--rows" data-testid="procedures-table">
            <caption className="visually-hidden">{m.title}</caption>
            <thead>
              <tr>
                {[m.cols.name, m.cols.id, m.cols.fee, m.cols.state, m.cols.signature, m.cols.questions, m.cols.link, m.cols.actions].map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {catalog.procedures.map((p) => {
                const link = portalLink(catalog.portalOrigin, p.id);
                const name = p.name[locale];
                return (
                  <tr key={p.id} data-testid="procedure-row" data-procedure-id={p.id}>
                    <th scope="row">{name}</th>
                    <td>
                      <code className="code">{p.id}</code>
                    </td>
                    <td>{formatYen(p.feePerCopy, locale)}</td>
                    <td data-testid="procedure-state">{p.enabled ? m.enabled : m.disabled}</td>
                    <td>{p.requiresSignature ? m.signatureRequired : m.signatureNotRequired}</td>
                    <td>{m.questionCount(p.extraFields.length)}</td>
                    <td>
                      <code className="code prewrap" data-testid="procedure-portal-link">
                        {link}
                      </code>
                      {canCopy() && (
                        <>
                          {" "}
                          <button type="button" className="button button--ghost button--small" onClick={() => copy(p.id, link)} aria-label={m.copyLabel(name)} data-testid="procedure-copy">
                            {m.copy}
                          </button>
                        </>
                      )}
                    </td>
                    <td>
                      {/* An aria-label, not a visually hidden span: absolutely placed, it would widen the page past the scrolling table. */}
                      <Link href={procedureEditPath(p.id)} aria-label={m.editLabel(name)} data-testid={`procedure-edit-${p.id}`}>
                        {m.edit}
                      </Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
