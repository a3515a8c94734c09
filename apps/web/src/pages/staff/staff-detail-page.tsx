import { useEffect, useRef, useState, type FormEvent } from "react";
import { useApi } from "../../app-context.tsx";
import {
  COMMANDS_WITH_REASON,
  STAFF_COMMANDS,
  type Catalog,
  type Procedure,
  type StaffCommand,
  type StaffDetail,
} from "../../api-types.ts";
import type { Localized } from "../../i18n/locale.ts";
import { Alert } from "../../components/alert.tsx";
import { DefinitionList } from "../../components/definition-list.tsx";
import { FeeTable } from "../../components/fee-table.tsx";
import { HistoryTable } from "../../components/history-table.tsx";
import { Link } from "../../components/link.tsx";
import { Loading } from "../../components/loading.tsx";
import { PageTitle } from "../../components/page-title.tsx";
import { describedBy, FieldMessages } from "../../components/field-messages.tsx";
import { formatDateTime, formatIsoDate, formatPostalCode, formatYen } from "../../format.ts";
import { extraAnswerText } from "../../extra-answer.ts";
import { usePageTitle } from "../../hooks/use-document-title.ts";
import { useLoad } from "../../hooks/use-load.ts";
import { useI18n } from "../../i18n/i18n-context.tsx";
import { StaffNav } from "./staff-nav.tsx";
import { MoneyPanel } from "./fees/money-panel.tsx";
import { IntakeCorrection } from "./proxy-entry/intake-correction.tsx";
import { IntakeRecord } from "./proxy-entry/intake-record.tsx";
import { useSignedInStaff, useStaffPermissions } from "./staff-session.tsx";

const isStaffCommand = (command: string): command is StaffCommand =>
  (STAFF_COMMANDS as readonly string[]).includes(command);

/** `/staff/applications/:id` — everything about one application, and the commands its status allows. */
export function StaffDetailPage({ id }: { readonly id: string }) {
  const { t, locale, pick } = useI18n();
  const api = useApi();
  const { csrfToken, signedOut, check } = useSignedInStaff();
  const { can } = useStaffPermissions();
  const detail = useLoad((signal) => api.staffDetail(id, signal), id);
  // Only to show names instead of ids for the delivery method and the extra answers.
  const catalog = useLoad((signal) => api.procedures(signal), "procedures");
  const data = detail.state.kind === "ok" ? detail.state.data : null;
  const catalogData = catalog.state.kind === "ok" ? catalog.state.data : null;
  usePageTitle(data === null ? t.staff.listTitle : t.staff.detailTitle(data.receiptNumber));

  const expired = detail.state.kind === "error" && detail.state.error.status === 401;
  useEffect(() => {
    if (expired) signedOut("expired");
  }, [expired, signedOut]);

  const [pending, setPending] = useState<StaffCommand | null>(null);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const reasonRef = useRef<HTMLTextAreaElement | null>(null);

  useEffect(() => {
    if (pending !== null) reasonRef.current?.focus();
  }, [pending]);

  const send = async (current: StaffDetail, command: StaffCommand, withReason: string | null) => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    setError(null);
    setNotice(null);
    const result = await api.staffCommand(
      current.id,
      { command, reason: withReason, expectedVersion: current.version },
      csrfToken,
    );
    busyRef.current = false;
    setBusy(false);
    if (result.ok) {
      detail.set(result.data);
      setPending(null);
      setReason("");
      setReasonError(null);
      setNotice(t.staff.commandDone(pick(result.data.statusLabel)));
      return;
    }
    const failure = result.error;
    if (failure.status === 401) {
      signedOut("expired");
    } else if (failure.status === 403) {
      // A stale CSRF token (e.g. signed in again in another tab): fetch the current one, then ask to retry.
      setError(failure.message ?? t.meta.unexpectedError);
      void check();
    } else if (failure.status === 409) {
      // Someone else changed it first: say so, and show what it is now.
      setPending(null);
      setError(t.staff.conflict);
      detail.reload();
    } else if (failure.status === 422 && pending !== null) {
      setReasonError(failure.fieldErrors[0]?.message ?? failure.message ?? t.staff.reasonRequired);
    } else {
      setError(failure.message ?? (failure.status === 0 ? t.meta.networkError : t.meta.unexpectedError));
    }
  };

  const onCommand = (current: StaffDetail, command: StaffCommand) => {
    if (COMMANDS_WITH_REASON.has(command)) {
      setPending(command);
      setReason("");
      setReasonError(null);
      return;
    }
    void send(current, command, null);
  };

  const confirmWithReason = (event: FormEvent, current: StaffDetail) => {
    event.preventDefault();
    if (pending === null) return;
    if (reason.trim() === "") {
      setReasonError(t.staff.reasonRequired);
      reasonRef.current?.focus();
      return;
    }
    void send(current, pending, reason.trim());
  };

  return (
    <>
      <StaffNav current="applications" />
      <p className="breadcrumb">
        <Link href="/staff">{t.staff.backToList}</Link>
      </p>
      {detail.state.kind === "loading" && data === null && <Loading />}
      {detail.state.kind === "error" && detail.state.error.status !== 401 && (
        <>
          <PageTitle>{t.staff.listTitle}</PageTitle>
          <Alert kind="error">
            <p>
              {detail.state.error.status === 404
                ? t.staff.notFound
                : (detail.state.error.message ?? t.meta.unexpectedError)}
            </p>
          </Alert>
          <button type="button" className="button" onClick={detail.reload}>
            {t.staff.reload}
          </button>
        </>
      )}
      {error !== null && (
        <Alert kind="error" testId="command-error">
          <p>{error}</p>
        </Alert>
      )}
      {notice !== null && (
        <Alert kind="success" testId="command-notice">
          <p>{notice}</p>
        </Alert>
      )}
      {data !== null && (
        <>
          <PageTitle>{t.staff.detailTitle(data.receiptNumber)}</PageTitle>
          <DefinitionList
            rows={[
              { label: t.staff.colProcedure, value: pick(data.procedureName) },
              {
                label: t.staff.colStatus,
                value: <strong className={`status-badge status-badge--${data.status}`}>{pick(data.statusLabel)}</strong>,
                testId: "status",
              },
              { label: t.staff.version, value: String(data.version) },
            ]}
          />

          {/* S5: entered by staff for the resident (代理入力): how the request came. */}
          {/* Processors correct it (the same permission as the commands), once the catalog says the procedure's rules. */}
          {data.intake !== undefined && data.intake !== null && (
            <IntakeRecord intake={data.intake}>
              {can("applications.process") && catalog.state.kind !== "loading" && (
                <IntakeCorrection
                  detail={data}
                  intake={data.intake}
                  procedure={procedureOf(data, catalogData)}
                  catalog={catalogData}
                  onSaved={(next) => {
                    detail.set(next);
                    setError(null);
                    setNotice(null);
                  }}
                  onConflict={(message) => {
                    // As for a command: say so, and show what it is now.
                    setNotice(null);
                    setError(message);
                    detail.reload();
                  }}
                />
              )}
            </IntakeRecord>
          )}

          {/* Only processors act on applications: a viewer is not shown commands the server would refuse. */}
          {can("applications.process") && (
            <section aria-labelledby="actions-heading" className="actions-panel">
              <h2 id="actions-heading">{t.staff.actionsHeading}</h2>
              {data.allowedCommands.filter(isStaffCommand).length === 0 ? (
                <p>{t.staff.noActions}</p>
              ) : (
                <div className="actions">
                  {STAFF_COMMANDS.filter((c) => data.allowedCommands.includes(c)).map((command) => (
                    <button
                      key={command}
                      type="button"
                      className={
                        command === "reject" || command === "return" ? "button button--warning" : "button"
                      }
                      data-testid={`cmd-${command}`}
                      aria-disabled={busy || undefined}
                      aria-expanded={COMMANDS_WITH_REASON.has(command) ? pending === command : undefined}
                      onClick={() => {
                        if (!busyRef.current) onCommand(data, command);
                      }}
                    >
                      {t.commands[command]}
                    </button>
                  ))}
                </div>
              )}
              {pending !== null && (
                <form noValidate className="form reason-form" onSubmit={(e) => confirmWithReason(e, data)}>
                  <div className={reasonError === null ? "field" : "field field--error"}>
                    <label className="field__label" htmlFor="command-reason">
                      {t.staff.reason}
                    </label>
                    <FieldMessages id="command-reason" help={null} errors={reasonError === null ? [] : [reasonError]} announce />
                    <textarea
                      id="command-reason"
                      name="reason"
                      ref={reasonRef}
                      className="textarea"
                      rows={4}
                      value={reason}
                      onChange={(e) => setReason(e.target.value)}
                      required
                      aria-required="true"
                      aria-invalid={reasonError !== null || undefined}
                      aria-describedby={describedBy("command-reason", false, reasonError !== null)}
                      data-testid="reason"
                    />
                  </div>
                  <div className="actions">
                    <button
                      type="submit"
                      className="button button--warning"
                      data-testid="confirm-command"
                      aria-disabled={busy || undefined}
                    >
                      {t.staff.confirmCommand(t.commands[pending])}
                    </button>
                    <button type="button" className="button button--secondary" onClick={() => setPending(null)}>
                      {t.staff.cancel}
                    </button>
                  </div>
                </form>
              )}
            </section>
          )}

          <h2>{t.staff.applicantHeading}</h2>
          <DefinitionList
            rows={[
              { label: t.form.name, value: data.applicant.name },
              { label: t.form.nameKana, value: data.applicant.nameKana },
              { label: t.form.postalCode, value: formatPostalCode(data.applicant.postalCode) },
              { label: t.form.address, value: data.applicant.address },
              { label: t.form.dateOfBirth, value: formatIsoDate(data.applicant.dateOfBirth, locale) },
              { label: t.form.phone, value: data.applicant.phone },
              { label: t.form.email, value: data.applicant.email },
            ]}
          />

          <h2>{t.staff.requestHeading}</h2>
          <DefinitionList
            rows={requestRows(data, catalogData, t.form, pick)}
          />

          <h2>{t.staff.feeHeading}</h2>
          <FeeTable fee={data.fee} />

          <MoneyPanel applicationId={data.id} canChange={can("fees.change")} />

          <h2>{t.staff.signatureHeading}</h2>
          {data.signature === null ? (
            <p>{t.staff.noSignature}</p>
          ) : (
            <DefinitionList
              rows={[
                { label: t.staff.signerSubject, value: data.signature.signerSubject, testId: "signer-subject" },
                { label: t.staff.signerIssuer, value: data.signature.signerIssuer },
                {
                  label: t.staff.verifiedAt,
                  value: <time dateTime={data.signature.verifiedAt}>{formatDateTime(data.signature.verifiedAt, locale)}</time>,
                },
              ]}
            />
          )}

          <h2>{t.staff.paymentHeading}</h2>
          {data.payment === null ? (
            <p>{t.staff.noPayment}</p>
          ) : (
            <DefinitionList
              rows={[
                { label: t.staff.authorizationId, value: data.payment.authorizationId },
                { label: t.staff.brand, value: data.payment.brand },
                { label: t.staff.last4, value: data.payment.last4 },
                { label: t.staff.paymentAmount, value: formatYen(data.payment.amount, locale) },
                {
                  label: t.staff.paymentStatus,
                  value: paymentStatusLabel(data.payment.status, t.paymentStatuses),
                  testId: "payment-status",
                },
              ]}
            />
          )}

          <h2>{t.staff.historyHeading}</h2>
          <HistoryTable history={data.history} />
        </>
      )}
    </>
  );
}

/** The application's procedure in the catalog, if it lists it. */
function procedureOf(data: StaffDetail, catalog: Catalog | null): Procedure | undefined {
  // The documented detail names its procedure without its id: fall back to matching the Japanese name.
  return catalog?.procedures.find((p) => (data.procedureId !== undefined ? p.id === data.procedureId : p.name.ja === data.procedureName.ja));
}

/** The request's rows, with catalog names where the catalog knows the ids (raw ids otherwise). */
function requestRows(
  data: StaffDetail,
  catalog: Catalog | null,
  labels: { readonly copies: string; readonly deliveryMethod: string },
  pick: (text: Localized) => string,
): { label: string; value: string }[] {
  const delivery = catalog?.deliveryMethods.find((m) => m.id === data.request.deliveryMethodId);
  const procedure = procedureOf(data, catalog);
  return [
    { label: labels.copies, value: String(data.request.copies) },
    { label: labels.deliveryMethod, value: delivery === undefined ? data.request.deliveryMethodId : pick(delivery.name) },
    ...Object.entries(data.request.extra).filter(([, value]) => value !== "").map(([key, value]) => {
      const field = procedure?.extraFields.find((f) => f.key === key);
      return { label: field === undefined ? key : pick(field.label), value: extraAnswerText(field, value, pick) };
    }),
  ];
}

function paymentStatusLabel(status: string, labels: Readonly<Record<"authorized" | "captured" | "voided", string>>): string {
  return status === "authorized" || status === "captured" || status === "voided" ? labels[status] : status;
}
