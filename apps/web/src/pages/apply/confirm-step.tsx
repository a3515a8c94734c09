import type { RefObject } from "react";
import type { Catalog, Prepared, Procedure } from "../../api-types.ts";
import { DefinitionList } from "../../components/definition-list.tsx";
import { FeeTable } from "../../components/fee-table.tsx";
import { extraAnswerText } from "../../extra-answer.ts";
import { formatIsoDate, formatPostalCode } from "../../format.ts";
import { useI18n } from "../../i18n/i18n-context.tsx";

/** Step 2, 確認: the values as the server normalised them, and the fee. */
export function ConfirmStep({
  procedure,
  catalog,
  prepared,
  onEdit,
  onNext,
  headingRef,
}: {
  readonly procedure: Procedure;
  readonly catalog: Catalog;
  readonly prepared: Prepared;
  readonly onEdit: () => void;
  readonly onNext: () => void;
  readonly headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const { t, locale, pick } = useI18n();
  const { applicant, request } = prepared;
  const delivery = catalog.deliveryMethods.find((m) => m.id === request.deliveryMethodId);
  const extraRows = procedure.extraFields.flatMap((field) => {
    const value = request.extra[field.key];
    if (value === undefined || value === "") return [];
    return [{ label: pick(field.label), value: extraAnswerText(field, value, pick) }];
  });

  return (
    <section aria-labelledby="step-heading">
      <h2 id="step-heading" tabIndex={-1} ref={headingRef}>
        {t.confirm.stepHeading}
      </h2>
      <p>{t.confirm.intro}</p>
      <h3>{t.confirm.applicantHeading}</h3>
      <DefinitionList
        rows={[
          { label: t.form.name, value: applicant.name, testId: "confirm-name" },
          { label: t.form.nameKana, value: applicant.nameKana, testId: "confirm-nameKana" },
          { label: t.form.postalCode, value: formatPostalCode(applicant.postalCode), testId: "confirm-postalCode" },
          { label: t.form.address, value: applicant.address, testId: "confirm-address" },
          {
            label: t.form.dateOfBirth,
            value: formatIsoDate(applicant.dateOfBirth, locale),
            testId: "confirm-dateOfBirth",
          },
          { label: t.form.phone, value: applicant.phone, testId: "confirm-phone" },
          { label: t.form.email, value: applicant.email, testId: "confirm-email" },
        ]}
      />
      <h3>{t.confirm.requestHeading}</h3>
      <DefinitionList
        rows={[
          { label: t.form.copies, value: String(request.copies), testId: "confirm-copies" },
          {
            label: t.form.deliveryMethod,
            value: delivery === undefined ? request.deliveryMethodId : pick(delivery.name),
            testId: "confirm-delivery",
          },
          ...extraRows,
        ]}
      />
      <h3>{t.confirm.feeHeading}</h3>
      <FeeTable fee={prepared.fee} />
      <div className="actions">
        {procedure.requiresSignature ? (
          <button type="button" className="button" data-testid="to-sign" onClick={onNext}>
            {t.confirm.toSign}
          </button>
        ) : (
          <button type="button" className="button" data-testid="to-pay" onClick={onNext}>
            {t.confirm.toPay}
          </button>
        )}
        <button type="button" className="button button--secondary" data-testid="edit" onClick={onEdit}>
          {t.confirm.edit}
        </button>
      </div>
    </section>
  );
}
