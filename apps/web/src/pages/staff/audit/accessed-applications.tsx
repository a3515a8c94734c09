import { useState, type FormEvent } from "react";
import type { AccessedApplications } from "../../../api-types.ts";
import { useApi } from "../../../app-context.tsx";
import { Alert } from "../../../components/alert.tsx";
import { Link } from "../../../components/link.tsx";
import { TextField } from "../../../components/text-field.tsx";
import { formatDateTime } from "../../../format.ts";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import { staffDetailPath } from "../../../router.ts";
import { endOfDayJst, startOfDayJst } from "./audit-query.ts";

type State =
  | { readonly kind: "idle" }
  | { readonly kind: "busy" }
  | { readonly kind: "ok"; readonly data: AccessedApplications }
  | { readonly kind: "error"; readonly message: string };

/**
 * "Which residents' data did this account open in this period" (個人情報の取扱状況): the applications a
 * staff account listed, viewed or exported, each with first and last access and how often.
 */
export function AccessedApplicationsSection(props: { readonly initialStaffId: string; readonly initialFrom: string; readonly initialTo: string }) {
  const { t, locale } = useI18n();
  const api = useApi();
  const [staffId, setStaffId] = useState(props.initialStaffId);
  const [from, setFrom] = useState(props.initialFrom);
  const [to, setTo] = useState(props.initialTo);
  const [state, setState] = useState<State>({ kind: "idle" });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (staffId.trim() === "" || from === "" || to === "") {
      setState({ kind: "error", message: t.audit.accessedNeeds });
      return;
    }
    setState({ kind: "busy" });
    const result = await api.staffAuditAccessed({ staffId: staffId.trim(), from: startOfDayJst(from), to: endOfDayJst(to) });
    setState(result.ok ? { kind: "ok", data: result.data } : { kind: "error", message: result.error.status === 403 ? t.audit.forbidden : (result.error.message ?? t.meta.unexpectedError) });
  };

  return (
    <section aria-labelledby="accessed-heading" className="section">
      <h2 id="accessed-heading">{t.audit.accessedHeading}</h2>
      <p>{t.audit.accessedIntro}</p>
      <form className="filter-bar filter-bar--wrap" onSubmit={(e) => void submit(e)}>
        <TextField id="accessed-staff-id" label={t.audit.staffId} value={staffId} onChange={setStaffId} size="medium" testId="accessed-staff-id" spellCheck={false} />
        <TextField id="accessed-from" type="date" label={t.audit.from} value={from} onChange={setFrom} size="short" testId="accessed-from" />
        <TextField id="accessed-to" type="date" label={t.audit.to} value={to} onChange={setTo} size="short" testId="accessed-to" />
        <div className="filter-bar__actions">
          <button type="submit" className="button" data-testid="accessed-search" aria-disabled={state.kind === "busy" || undefined}>
            {t.audit.accessedSearch}
          </button>
        </div>
      </form>
      {state.kind === "error" && (
        <Alert kind="error">
          <p>{state.message}</p>
        </Alert>
      )}
      {state.kind === "ok" &&
        (state.data.items.length === 0 ? (
          <p data-testid="accessed-empty">{t.audit.accessedEmpty}</p>
        ) : (
          <div className="table-scroll" role="region" aria-labelledby="accessed-caption" tabIndex={0}>
            <table className="table table--rows" data-testid="accessed-table">
              <caption id="accessed-caption">{t.audit.accessedCaption(state.data.items.length)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.audit.colApplication}</th>
                  <th scope="col">{t.audit.colFirst}</th>
                  <th scope="col">{t.audit.colLast}</th>
                  <th scope="col" className="num">{t.audit.colAccesses}</th>
                </tr>
              </thead>
              <tbody>
                {state.data.items.map((item) => (
                  <tr key={item.applicationId}>
                    <th scope="row">
                      <Link href={staffDetailPath(item.applicationId)}>{item.applicationId}</Link>
                    </th>
                    <td>
                      <time dateTime={item.firstAt}>{formatDateTime(item.firstAt, locale)}</time>
                    </td>
                    <td>
                      <time dateTime={item.lastAt}>{formatDateTime(item.lastAt, locale)}</time>
                    </td>
                    <td className="num">{item.accesses}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}
