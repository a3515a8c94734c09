import { useState } from "react";
import { searchProcedures } from "@madoguchi/core";
import { useApi, useConfig } from "../app-context.tsx";
import { Alert } from "../components/alert.tsx";
import { Link } from "../components/link.tsx";
import { Loading } from "../components/loading.tsx";
import { PageTitle } from "../components/page-title.tsx";
import { SelectField } from "../components/select-field.tsx";
import { TextField } from "../components/text-field.tsx";
import { formatYen } from "../format.ts";
import { usePageTitle } from "../hooks/use-document-title.ts";
import { useLoad } from "../hooks/use-load.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { KioskCardBadge, KioskNextTime, KioskNoCard } from "../kiosk/kiosk-chrome.tsx";
import { useKiosk } from "../kiosk/kiosk-context.ts";
import { kioskMessages } from "../kiosk/kiosk-messages.ts";
import { PortalNotices } from "./notices/portal-notices.tsx";

/**
 * `/` — the resident portal: the certificate procedures that can be applied for online, found by keyword, category
 * and life event (R12; core's `searchProcedures`, as the resident types — nothing is sent anywhere).
 */
export function PortalPage() {
  const { t, locale, pick } = useI18n();
  const api = useApi();
  const config = useConfig();
  const catalog = useLoad((signal) => api.procedures(signal), "procedures");
  const [text, setText] = useState("");
  const [categoryId, setCategoryId] = useState("");
  const [lifeEventId, setLifeEventId] = useState("");
  usePageTitle(t.portal.title);
  const shown = catalog.state.kind === "ok" ? searchProcedures(catalog.state.data.procedures, { text, categoryId, lifeEventId }) : [];
  const filtering = text.trim() !== "" || categoryId !== "" || lifeEventId !== "";
  // R11: on the counter's terminal (`/kiosk`), the same list with what a resident there needs to know.
  const kiosk = useKiosk() ? kioskMessages(locale) : null;

  return (
    <>
      <PageTitle>{t.portal.title}</PageTitle>
      <p className="lead">{t.portal.lead}</p>
      <PortalNotices />
      {kiosk !== null && <KioskNoCard messages={kiosk} />}
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
      {catalog.state.kind === "ok" && catalog.state.data.procedures.length > 0 && (
        <form className="filter-bar filter-bar--wrap" role="search" aria-label={t.portal.searchHeading} onSubmit={(e) => e.preventDefault()}>
          <TextField id="procedure-search" label={t.portal.searchLabel} value={text} onChange={setText} testId="procedure-search" />
          {(
            [
              ["procedure-category", t.portal.categoryLabel, catalog.state.data.categories, categoryId, setCategoryId],
              ["procedure-life-event", t.portal.lifeEventLabel, catalog.state.data.lifeEvents, lifeEventId, setLifeEventId],
            ] as const
          ).map(([id, label, tags, value, onChange]) =>
            tags.length === 0 ? null : (
              <SelectField
                key={id}
                id={id}
                label={label}
                value={value}
                onChange={onChange}
                options={tags.map((tag) => ({ value: tag.id, label: pick(tag.name) }))}
                placeholder={t.portal.any}
                testId={id}
              />
            ),
          )}
        </form>
      )}
      {catalog.state.kind === "ok" && filtering && (
        <p role="status" data-testid="procedure-search-count">
          {shown.length === 0 ? t.portal.noneFound : t.portal.found(shown.length)}
        </p>
      )}
      {catalog.state.kind === "ok" &&
        (catalog.state.data.procedures.length === 0 ? (
          <p>{t.portal.noProcedures}</p>
        ) : (
          <ul className="procedure-list">
            {shown.map((procedure) => (
              <li key={procedure.id} className="card procedure" data-testid={`procedure-${procedure.id}`}>
                <h3 className="procedure__name">{pick(procedure.name)}</h3>
                <p className="procedure__description">{pick(procedure.description)}</p>
                <dl className="procedure__facts">
                  <div>
                    <dt>{t.portal.feePerCopy}</dt>
                    <dd>{formatYen(procedure.feePerCopy, locale)}</dd>
                  </div>
                </dl>
                {kiosk !== null && procedure.requiresSignature && <KioskCardBadge messages={kiosk} />}
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
      {kiosk !== null && <KioskNextTime messages={kiosk} address={`${config.portalOrigin}/`} />}
    </>
  );
}
