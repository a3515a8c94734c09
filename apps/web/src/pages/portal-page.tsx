import { useApi } from "../app-context.tsx";
import { Alert } from "../components/alert.tsx";
import { Link } from "../components/link.tsx";
import { Loading } from "../components/loading.tsx";
import { PageTitle } from "../components/page-title.tsx";
import { formatYen } from "../format.ts";
import { usePageTitle } from "../hooks/use-document-title.ts";
import { useLoad } from "../hooks/use-load.ts";
import { useI18n } from "../i18n/i18n-context.tsx";

/** `/` — the resident portal: the certificate procedures that can be applied for online. */
export function PortalPage() {
  const { t, locale, pick } = useI18n();
  const api = useApi();
  const catalog = useLoad((signal) => api.procedures(signal), "procedures");
  usePageTitle(t.portal.title);

  return (
    <>
      <PageTitle>{t.portal.title}</PageTitle>
      <p className="lead">{t.portal.lead}</p>
      <h2>{t.portal.proceduresHeading}</h2>
      {catalog.state.kind === "loading" && <Loading />}
      {catalog.state.kind === "error" && (
        <>
          <Alert kind="error">
            <p>{catalog.state.error.message ?? t.portal.loadFailed}</p>
          </Alert>
          <button type="button" className="button button--secondary" onClick={catalog.reload}>
            {t.meta.retry}
          </button>
        </>
      )}
      {catalog.state.kind === "ok" &&
        (catalog.state.data.procedures.length === 0 ? (
          <p>{t.portal.noProcedures}</p>
        ) : (
          <ul className="procedure-list">
            {catalog.state.data.procedures.map((procedure) => (
              <li key={procedure.id} className="card procedure" data-testid={`procedure-${procedure.id}`}>
                <h3 className="procedure__name">{pick(procedure.name)}</h3>
                <p className="procedure__description">{pick(procedure.description)}</p>
                <dl className="procedure__facts">
                  <div>
                    <dt>{t.portal.feePerCopy}</dt>
                    <dd>{formatYen(procedure.feePerCopy, locale)}</dd>
                  </div>
                </dl>
                {procedure.requiresSignature && <p className="procedure__note">{t.portal.signatureRequired}</p>}
                <Link
                  href={`/apply/${encodeURIComponent(procedure.id)}`}
                  className="button procedure__apply"
                  aria-label={t.portal.applyFor(pick(procedure.name))}
                >
                  {t.portal.apply}
                </Link>
              </li>
            ))}
          </ul>
        ))}
    </>
  );
}
