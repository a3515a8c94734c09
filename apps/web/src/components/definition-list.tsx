import type { ReactNode } from "react";

/** Label/value rows (`<dl>`) for summaries such as the confirmation screen and the staff detail. */
export function DefinitionList({
  rows,
}: {
  readonly rows: readonly { readonly label: string; readonly value: ReactNode; readonly testId?: string }[];
}) {
  return (
    <dl className="summary-list">
      {rows.map((row) => (
        <div className="summary-list__row" key={row.label}>
          <dt className="summary-list__key">{row.label}</dt>
          <dd className="summary-list__value" data-testid={row.testId}>
            {row.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
