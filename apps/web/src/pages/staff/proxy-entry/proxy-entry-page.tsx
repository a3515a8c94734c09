import { useEffect, useRef, useState } from "react";
import { useApi, useConfig } from "../../../app-context.tsx";
import type { Catalog, EnteredApplication, FieldError } from "../../../api-types.ts";
import { Alert } from "../../../components/alert.tsx";
import { Link } from "../../../components/link.tsx";
import { Loading } from "../../../components/loading.tsx";
import { PageTitle } from "../../../components/page-title.tsx";
import { usePageTitle } from "../../../hooks/use-document-title.ts";
import { useFocusOnChange } from "../../../hooks/use-focus-on-change.ts";
import { useLoad } from "../../../hooks/use-load.ts";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import { newSubmissionKey } from "../../../submission-key.ts";
import { applicantFieldId, arrangeFieldErrors, type ArrangedErrors } from "../../apply/application-form.ts";
import { StaffNav } from "../staff-nav.tsx";
import { useSignedInStaff } from "../staff-session.tsx";
import { proxyEntryApi } from "./proxy-entry-api.ts";
import { checkProxyEntry, emptyProxyEntry, nextProxyEntry, PROCEDURE_ID, proxyEntryFieldIds, settle, todayInJapan, toProxyEntryBody, type ProxyEntryValues } from "./proxy-entry-form.ts";
import { ProxyEntryForm } from "./proxy-entry-form-view.tsx";
import { proxyEntryMessages } from "./proxy-entry-messages.ts";
import { ProxyEntryReceipt } from "./proxy-entry-receipt.tsx";

/**
 * `/staff/applications/new` — S5 (代理入力): a staff member enters an application a resident made by mail, at the
 * counter, on paper, by phone or email, with how it came (the intake record), and hands the resident the receipt
 * slip. Procedures from the portal's catalog (`GET /api/procedures`). Gated by `applications.process`.
 */
export function ProxyEntryPage() {
  const { t, locale } = useI18n();
  const m = proxyEntryMessages[locale];
  const api = useApi();
  const loaded = useLoad((signal) => api.procedures(signal), "procedures");
  usePageTitle(m.title);

  const header = (
    <>
      <StaffNav current="applications" />
      <p className="breadcrumb no-print">
        <Link href="/staff">{m.back}</Link>
      </p>
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
        <Alert kind="error" testId="proxy-entry-load-error">
          <p>{error.message ?? (error.status === 0 ? t.meta.networkError : t.meta.unexpectedError)}</p>
        </Alert>
        <button type="button" className="button" onClick={loaded.reload}>
          {t.meta.retry}
        </button>
      </>
    );
  }
  return (
    <>
      {header}
      <ProxyEntry catalog={loaded.state.data} />
    </>
  );
}

/** What the last send came to, when it is not a form to correct. */
type Outcome =
  | { readonly kind: "saved"; readonly entered: EnteredApplication; readonly procedureName: string; readonly receivedOn: string }
  | { readonly kind: "conflict" };

function ProxyEntry({ catalog }: { readonly catalog: Catalog }) {
  const { t, locale, pick } = useI18n();
  const m = proxyEntryMessages[locale];
  const { portalOrigin } = useConfig();
  const { csrfToken, signedOut, check } = useSignedInStaff();
  // Japan's date when the page opened: the default received date and the latest one accepted.
  const [today, setToday] = useState(() => todayInJapan());
  const [values, setValues] = useState<ProxyEntryValues>(() => emptyProxyEntry(today));
  // One key per entry: a double click or a resend after a lost answer stores it once (the server answers `replayed`).
  const [submissionKey, setSubmissionKey] = useState(newSubmissionKey);
  const [errors, setErrors] = useState<ArrangedErrors | null>(null);
  const [generalError, setGeneralError] = useState<string | null>(null);
  const [summaryGeneration, setSummaryGeneration] = useState(0);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // State updates are not synchronous: a ref stops a double click from sending twice.
  const busy = useRef(false);
  const summaryRef = useFocusOnChange<HTMLDivElement>(summaryGeneration);
  const outcomeRef = useFocusOnChange<HTMLHeadingElement>(outcome);
  const conflictRef = useFocusOnChange<HTMLDivElement>(outcome);
  // After 「続けて入力する」 the receipt is gone: focus goes to the first input of the next entry.
  const [again, setAgain] = useState(0);
  useEffect(() => {
    if (again > 0) document.getElementById(values.procedureId === "" ? PROCEDURE_ID : applicantFieldId("name"))?.focus();
    // Only a new entry moves focus, not each keystroke.
  }, [again]);

  const procedure = catalog.procedures.find((p) => p.id === values.procedureId);
  const showErrors = (fieldErrors: readonly FieldError[], fallback: string | null) => {
    const arranged = arrangeFieldErrors(fieldErrors, proxyEntryFieldIds(procedure));
    setErrors(arranged);
    setGeneralError(arranged.summary.length === 0 ? fallback : null);
    setSummaryGeneration((g) => g + 1);
  };

  const send = async () => {
    if (busy.current) return;
    setOutcome(null);
    const problems = checkProxyEntry(values, catalog, today, m);
    if (problems.length > 0) {
      showErrors(problems, null);
      return;
    }
    busy.current = true;
    setSubmitting(true);
    const sent = values;
    const result = await proxyEntryApi(locale).enter(toProxyEntryBody(sent, submissionKey), csrfToken);
    busy.current = false;
    setSubmitting(false);
    if (result.ok) {
      setErrors(null);
      setGeneralError(null);
      setOutcome({ kind: "saved", entered: result.data, procedureName: procedure === undefined ? sent.procedureId : pick(procedure.name), receivedOn: sent.intake.receivedOn });
      return;
    }
    const { error } = result;
    const message = error.message ?? (error.status === 0 ? t.meta.networkError : t.meta.unexpectedError);
    if (error.status === 401) {
      signedOut("expired");
    } else if (error.status === 422) {
      showErrors(error.fieldErrors, message);
    } else if (error.status === 409 && error.code === "application.submission_key_reused") {
      setErrors(null);
      setGeneralError(null);
      setOutcome({ kind: "conflict" });
    } else {
      // 403: not this member's procedure or permission — or a stale CSRF token (signed in again in another tab),
      // which a fresh session check replaces. Anything else (offline, 5xx): the same key makes a resend safe.
      if (error.status === 403) void check();
      setErrors(null);
      setGeneralError(error.status === 403 ? (error.message ?? m.forbidden) : message);
      setSummaryGeneration((g) => g + 1);
    }
  };

  if (outcome?.kind === "saved") {
    return (
      <ProxyEntryReceipt
        entered={outcome.entered}
        procedureName={outcome.procedureName}
        receivedOn={outcome.receivedOn}
        portalOrigin={portalOrigin}
        headingRef={outcomeRef}
        onAgain={() => {
          // The page may have stayed open past midnight.
          const now = todayInJapan();
          setToday(now);
          setValues(nextProxyEntry(values, procedure, now));
          setSubmissionKey(newSubmissionKey());
          setOutcome(null);
          setAgain((n) => n + 1);
        }}
      />
    );
  }
  return (
    <>
      {outcome?.kind === "conflict" && (
        <div tabIndex={-1} ref={conflictRef}>
          <Alert kind="warning" testId="proxy-entry-conflict">
            <p>{m.conflict}</p>
            <div className="actions">
              <button
                type="button"
                className="button button--secondary"
                data-testid="proxy-entry-new-key"
                onClick={() => {
                  setSubmissionKey(newSubmissionKey());
                  setOutcome(null);
                }}
              >
                {m.newEntry}
              </button>
            </div>
          </Alert>
        </div>
      )}
      <ProxyEntryForm
        catalog={catalog}
        values={values}
        onChange={(next) => setValues((previous) => settle(next, previous, catalog))}
        errors={errors}
        generalError={generalError}
        summaryRef={summaryRef}
        submitting={submitting}
        onSubmit={() => void send()}
        today={today}
      />
    </>
  );
}
