import { useEffect, useState, type FormEvent } from "react";
import { useApi } from "../../app-context.tsx";
import { APPLICATION_STATUSES } from "../../api-types.ts";
import { Alert } from "../../components/alert.tsx";
import { Link } from "../../components/link.tsx";
import { Loading } from "../../components/loading.tsx";
import { PageTitle } from "../../components/page-title.tsx";
import { SelectField } from "../../components/select-field.tsx";
import { formatDateTime, formatYen } from "../../format.ts";
import { usePageTitle } from "../../hooks/use-document-title.ts";
import { useLoad } from "../../hooks/use-load.ts";
import { useI18n } from "../../i18n/i18n-context.tsx";
import { navigate, STAFF_APPLICATION_NEW_PATH, staffDetailPath } from "../../router.ts";
import { PAGE_SIZE, parseStaffListQuery, staffListPath, type StaffListQuery } from "./staff-list-query.ts";
import { StaffNav } from "./staff-nav.tsx";
import { ExportLinks } from "./access/export-links.tsx";
import { useSignedInStaff, useStaffPermissions } from "./staff-session.tsx";
import { proxyEntryLabel } from "./proxy-entry/proxy-entry-messages.ts";

/** `/staff` — the applications, newest first as the server sends them, filterable by status. */
export function StaffListPage() {
  const { t, locale, pick } = useI18n();
  const api = useApi();
  const { signedOut } = useSignedInStaff();
  const { can } = useStaffPermissions();
  usePageTitle(t.staff.listTitle);
  const search = window.location.search;
  const query = parseStaffListQuery(search);
  const [filter, setFilter] = useState<string>(query.status);
  const list = useLoad(
    (signal) => api.staffList({ status: query.status, limit: PAGE_SIZE, offset: query.offset }, signal),
    search,
  );
  const expired = list.state.kind === "error" && list.state.error.status === 401;
  useEffect(() => {
    if (expired) signedOut("expired");
  }, [expired, signedOut]);
  // Back/forward changes the URL's filter: keep the select in step with what is shown.
  useEffect(() => setFilter(query.status), [query.status]);

  // The list updates in place as the filter changes (focus stays on the select; the URL keeps the filter).
  const changeFilter = (value: string) => {
    setFilter(value);
    const status = parseStaffListQuery(`status=${encodeURIComponent(value)}`).status;
    navigate(staffListPath({ status, offset: 0 }), { replace: true, scroll: false });
  };
  const goTo = (next: StaffListQuery) => navigate(staffListPath(next));

  return (
    <>
      <StaffNav current="applications" />
      <PageTitle>{t.staff.listTitle}</PageTitle>
      {/* S5: only processors enter applications for residents (the server refuses the others anyway). */}
      {can("applications.process") && (
        <p>
          <Link href={STAFF_APPLICATION_NEW_PATH} className="button" data-testid="proxy-entry-open">
            {pick(proxyEntryLabel)}
          </Link>
        </p>
      )}
      <form className="filter-bar" onSubmit={(e: FormEvent) => e.preventDefault()}>
        <SelectField
          id="status-filter"
          label={t.staff.filterStatus}
          value={filter}
          onChange={changeFilter}
          options={APPLICATION_STATUSES.map((s) => ({ value: s, label: t.statuses[s] }))}
          placeholder={t.staff.allStatuses}
          testId="status-filter"
        />
      </form>
      {/* Offered only to holders of applications.export (the export route refuses the others anyway). */}
      {can("applications.export") && <ExportLinks status={query.status} />}
      {list.state.kind === "loading" && <Loading />}
      {list.state.kind === "error" && list.state.error.status !== 401 && (
        <>
          <Alert kind="error">
            <p>{list.state.error.message ?? t.meta.unexpectedError}</p>
          </Alert>
          <button type="button" className="button" onClick={list.reload}>
            {t.meta.retry}
          </button>
        </>
      )}
      {list.state.kind === "ok" &&
        (list.state.data.items.length === 0 ? (
          <p data-testid="staff-list-empty">{t.staff.empty}</p>
        ) : (
          <>
            <div className="table-scroll" role="region" aria-labelledby="staff-list-caption" tabIndex={0}>
              <table className="table table--rows">
                <caption id="staff-list-caption">{t.staff.tableCaption(list.state.data.total)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.staff.colReceipt}</th>
                    <th scope="col">{t.staff.colProcedure}</th>
                    <th scope="col">{t.staff.colApplicant}</th>
                    <th scope="col">{t.staff.colStatus}</th>
                    <th scope="col">{t.staff.colSubmittedAt}</th>
                    <th scope="col" className="num">
                      {t.staff.colTotal}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.state.data.items.map((item) => (
                    <tr
                      key={item.id}
                      data-testid={`app-row-${item.receiptNumber}`}
                      className="clickable-row"
                      // The whole row is a mouse/touch target; keyboard users use the link in the first cell.
                      onClick={(event) => {
                        if ((event.target as HTMLElement).closest("a") === null) navigate(staffDetailPath(item.id));
                      }}
                    >
                      <th scope="row">
                        <Link href={staffDetailPath(item.id)}>{item.receiptNumber}</Link>
                        {item.intakeChannelLabel === null ? null : (
                          <>
                            <br />
                            <small data-testid="entered-by-staff">
                              {t.staff.enteredByStaff(pick(item.intakeChannelLabel))}
                            </small>
                          </>
                        )}
                      </th>
                      <td>{pick(item.procedureName)}</td>
                      <td>{item.applicantName}</td>
                      <td>
                        <span className={`status-badge status-badge--${item.status}`}>{pick(item.statusLabel)}</span>
                      </td>
                      <td>
                        <time dateTime={item.submittedAt}>{formatDateTime(item.submittedAt, locale)}</time>
                      </td>
                      <td className="num">{formatYen(item.total, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager query={query} total={list.state.data.total} count={list.state.data.items.length} onGo={goTo} />
          </>
        ))}
    </>
  );
}

function Pager({
  query,
  total,
  count,
  onGo,
}: {
  readonly query: StaffListQuery;
  readonly total: number;
  readonly count: number;
  readonly onGo: (query: StaffListQuery) => void;
}) {
  const { t } = useI18n();
  const hasPrev = query.offset > 0;
  const hasNext = query.offset + count < total;
  return (
    <nav className="pager" aria-label={t.staff.listTitle}>
      <p className="pager__range">{t.staff.range(query.offset + 1, query.offset + count, total)}</p>
      {hasPrev && (
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => onGo({ ...query, offset: Math.max(0, query.offset - PAGE_SIZE) })}
        >
          {t.staff.prev}
        </button>
      )}
      {hasNext && (
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => onGo({ ...query, offset: query.offset + PAGE_SIZE })}
        >
          {t.staff.next}
        </button>
      )}
    </nav>
  );
}
