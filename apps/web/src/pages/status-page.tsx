import { useEffect, useRef, useState, type FormEvent } from "react";
import { useApi } from "../app-context.tsx";
import type { StatusView } from "../api-types.ts";
import { Alert } from "../components/alert.tsx";
import { DefinitionList } from "../components/definition-list.tsx";
import { FeeTable } from "../components/fee-table.tsx";
import { HistoryTable } from "../components/history-table.tsx";
import { PageTitle } from "../components/page-title.tsx";
import { TextField } from "../components/text-field.tsx";
import { formatYen } from "../format.ts";
import { usePageTitle } from "../hooks/use-document-title.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { secretFromHash } from "../router.ts";
import { PayDueSection } from "./status/pay-due-section.tsx";

/**
 * `/status/:receiptNumber#accessSecret` (or `/status` with a form): the resident's view of an application,
 * with withdrawal while staff have not started, and the payment of what is due (a 事後決済 fee once fixed,
 * or a difference after a fee change). The secret travels in the fragment so it never reaches
 * server logs or Referer headers.
 */
export function StatusPage({ receiptNumber: initialReceipt }: { readonly receiptNumber: string | null }) {
  const { t, locale, pick } = useI18n();
  const api = useApi();
  usePageTitle(t.status.title);
  const [receiptNumber, setReceiptNumber] = useState(initialReceipt ?? "");
  const [accessSecret, setAccessSecret] = useState(() => secretFromHash(window.location.hash) ?? "");
  const [view, setView] = useState<StatusView | null>(null);
  const [credentials, setCredentials] = useState<{ receiptNumber: string; accessSecret: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);

  const lookup = async (receipt: string, secret: string) => {
    if (busyRef.current) return;
    if (receipt.trim() === "" || secret.trim() === "") {
      setError(t.status.missing);
      return;
    }
    busyRef.current = true;
    setBusy(true);
    setNotice(null);
    const result = await api.lookup(receipt.trim(), secret.trim());
    busyRef.current = false;
    setBusy(false);
    if (result.ok) {
      setView(result.data);
      setCredentials({ receiptNumber: receipt.trim(), accessSecret: secret.trim() });
      setError(null);
      return;
    }
    setView(null);
    const failure = result.error;
    setError(
      failure.status === 404
        ? t.status.notFound
        : (failure.message ?? (failure.status === 0 ? t.meta.networkError : t.meta.unexpectedError)),
    );
  };

  // Arriving by the receipt page's link (receipt number in the path, secret in the fragment): look it up at once.
  const autoLookup = useRef(initialReceipt !== null && accessSecret !== "");
  useEffect(() => {
    if (!autoLookup.current) return;
    autoLookup.current = false;
    void lookup(initialReceipt ?? "", accessSecret);
    // Runs once, on arrival (the ref also keeps StrictMode's double effect from looking up twice).
  }, []);

  const withdraw = async () => {
    if (credentials === null || busyRef.current) return;
    // The native confirm dialog: accessible everywhere, and impossible to miss.
    if (!window.confirm(t.status.withdrawConfirm)) return;
    busyRef.current = true;
    setBusy(true);
    const result = await api.withdraw(credentials.receiptNumber, credentials.accessSecret);
    busyRef.current = false;
    setBusy(false);
    if (result.ok) {
      setView(result.data);
      setError(null);
      setNotice(t.status.withdrawn);
      return;
    }
    const failure = result.error;
    setNotice(null);
    setError(
      failure.status === 404
        ? t.status.notFound
        : (failure.message ?? (failure.status === 0 ? t.meta.networkError : t.meta.unexpectedError)),
    );
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void lookup(receiptNumber, accessSecret);
  };

  return (
    <>
      <PageTitle>{t.status.title}</PageTitle>
      {error !== null && (
        <Alert kind="error" testId="status-error">
          <p>{error}</p>
        </Alert>
      )}
      {notice !== null && (
        <Alert kind="success" testId="status-notice">
          <p>{notice}</p>
        </Alert>
      )}
      {view === null ? (
        <>
          <p>{t.status.intro}</p>
          <form noValidate onSubmit={submit} className="form">
            <TextField
              id="receiptNumber"
              label={t.status.receiptNumber}
              value={receiptNumber}
              onChange={setReceiptNumber}
              autoComplete="off"
              spellCheck={false}
              size="medium"
            />
            <TextField
              id="accessSecret"
              label={t.status.accessCode}
              value={accessSecret}
              onChange={setAccessSecret}
              autoComplete="off"
              spellCheck={false}
              size="long"
            />
            <div className="actions">
              <button type="submit" className="button" data-testid="lookup" aria-disabled={busy || undefined}>
                {busy ? t.status.looking : t.status.submit}
              </button>
            </div>
          </form>
        </>
      ) : (
        <>
          <DefinitionList
            rows={[
              { label: t.status.receiptNumber, value: view.receiptNumber, testId: "status-receipt-number" },
              { label: t.status.procedure, value: pick(view.procedureName), testId: "status-procedure" },
              {
                label: t.status.statusLabel,
                value: <strong className={`status-badge status-badge--${view.status}`}>{pick(view.statusLabel)}</strong>,
                testId: "status",
              },
              { label: t.status.total, value: formatYen(view.fee.total, locale), testId: "status-total" },
            ]}
          />
          <h2>{t.status.history}</h2>
          <HistoryTable history={view.history} />
          <h2>{t.confirm.feeHeading}</h2>
          <FeeTable fee={view.fee} />
          {credentials !== null && <PayDueSection key={`${credentials.receiptNumber}-${view.status}`} credentials={credentials} status={view.status} />}
          <div className="actions">
            {view.withdrawable && (
              <button
                type="button"
                className="button button--warning"
                data-testid="withdraw"
                aria-disabled={busy || undefined}
                onClick={() => void withdraw()}
              >
                {busy ? t.status.withdrawing : t.status.withdraw}
              </button>
            )}
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setView(null);
                setCredentials(null);
                setNotice(null);
                setError(null);
              }}
            >
              {t.status.another}
            </button>
          </div>
        </>
      )}
    </>
  );
}
