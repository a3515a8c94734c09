import type { RefObject } from "react";
import type { EnteredApplication } from "../../../api-types.ts";
import { Alert } from "../../../components/alert.tsx";
import { DefinitionList } from "../../../components/definition-list.tsx";
import { Link } from "../../../components/link.tsx";
import { formatIsoDate } from "../../../format.ts";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import { staffDetailPath } from "../../../router.ts";
import { proxyEntryMessages } from "./proxy-entry-messages.ts";

/** The status page residents look their application up on (the portal's, not the back office's address). */
export const statusPageUrl = (portalOrigin: string): string => `${portalOrigin.replace(/\/+$/, "")}/status`;

/**
 * S5: the entry is stored — its receipt slip (受付票) for the resident: the receipt number and, once only, the
 * access password (the server keeps only its hash), with where to look the application up. A resend of the same
 * entry (`replayed`) has no password to show: it says the entry was already saved, and its receipt number.
 */
export function ProxyEntryReceipt({
  entered,
  procedureName,
  receivedOn,
  portalOrigin,
  onAgain,
  headingRef,
}: {
  readonly entered: EnteredApplication;
  readonly procedureName: string;
  readonly receivedOn: string;
  readonly portalOrigin: string;
  readonly onAgain: () => void;
  readonly headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const { locale } = useI18n();
  const m = proxyEntryMessages[locale];
  const secret = entered.replayed ? null : entered.accessSecret;
  return (
    <section aria-labelledby="proxy-entry-done" data-testid="proxy-entry-receipt">
      <div className="panel panel--success">
        <h2 id="proxy-entry-done" tabIndex={-1} ref={headingRef} className="panel__title">
          {m.saved}
        </h2>
        <p className="panel__label">{m.receiptNumber}</p>
        <p className="panel__value" data-testid="receipt-number">
          {entered.receiptNumber}
        </p>
      </div>
      {secret === null ? (
        <Alert kind="info" testId="proxy-entry-replayed">
          <p>{m.replayed}</p>
        </Alert>
      ) : (
        <div className="receipt-slip" data-testid="receipt-slip">
          <h3>{m.slipTitle}</h3>
          <DefinitionList
            rows={[
              { label: m.procedure, value: procedureName },
              { label: m.receivedOn, value: formatIsoDate(receivedOn, locale) },
              { label: m.receiptNumber, value: entered.receiptNumber },
              { label: m.accessSecret, value: <span className="access-code">{secret}</span>, testId: "access-code" },
            ]}
          />
          <p>{m.statusPage(statusPageUrl(portalOrigin))}</p>
          <Alert kind="warning" testId="proxy-entry-hand-over">
            <p>{m.handOver}</p>
          </Alert>
        </div>
      )}
      <div className="actions no-print">
        {secret !== null && (
          <button type="button" className="button button--secondary" data-testid="proxy-entry-print" onClick={() => window.print()}>
            {m.print}
          </button>
        )}
        <button type="button" className="button" data-testid="proxy-entry-again" onClick={onAgain}>
          {m.again}
        </button>
      </div>
      <p className="no-print">{m.againHelp}</p>
      <p className="no-print">
        <Link href={staffDetailPath(entered.id)} data-testid="proxy-entry-detail-link">
          {m.toDetail}
        </Link>
      </p>
    </section>
  );
}
