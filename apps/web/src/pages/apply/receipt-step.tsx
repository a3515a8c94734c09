import type { RefObject } from "react";
import type { Receipt } from "../../api-types.ts";
import { Alert } from "../../components/alert.tsx";
import { Link } from "../../components/link.tsx";
import { useI18n } from "../../i18n/i18n-context.tsx";
import { statusPath } from "../../router.ts";

/** Step 5, 完了: the receipt number and the access code (shown once: the server keeps only its hash). */
export function ReceiptStep({
  receipt,
  headingRef,
}: {
  readonly receipt: Receipt;
  readonly headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="step-heading">
      <div className="panel panel--success">
        <h2 id="step-heading" tabIndex={-1} ref={headingRef} className="panel__title">
          {t.receipt.stepHeading}
        </h2>
        <p className="panel__label">{t.receipt.receiptNumber}</p>
        <p className="panel__value" data-testid="receipt-number">
          {receipt.receiptNumber}
        </p>
      </div>
      <p>{t.receipt.intro}</p>
      <h3>{t.receipt.accessCode}</h3>
      <p className="access-code" data-testid="access-code">
        {receipt.accessSecret}
      </p>
      <Alert kind="warning">
        <p>{t.receipt.keepWarning}</p>
      </Alert>
      <p>
        <Link href={statusPath(receipt.receiptNumber, receipt.accessSecret)} data-testid="status-link">
          {t.receipt.statusLink}
        </Link>
      </p>
      <p>
        <Link href="/">{t.receipt.home}</Link>
      </p>
    </section>
  );
}
