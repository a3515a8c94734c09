import { useI18n } from "../../i18n/i18n-context.tsx";
import type { FieldComparison } from "./signing-api.ts";
import { signingMessages } from "./signing-messages.ts";

/**
 * What the resident typed and what the certificate says, side by side, for the fields that differ —
 * with the substitute-character note where the certificate uses 代替文字. `onChoose` (when given) lets
 * the resident pick per field; without it the table only informs.
 */
export function BasicInfoComparison({
  rows,
  onChoose,
  explain,
}: {
  readonly rows: readonly FieldComparison[];
  readonly onChoose?: (row: FieldComparison, choice: "certificate" | "typed") => void;
  readonly explain: string;
}) {
  const { locale } = useI18n();
  const m = signingMessages(locale);
  const differing = rows.filter((r) => !r.same);
  if (differing.length === 0) return null;
  return (
    <section className="alert alert--warning" aria-labelledby="comparison-heading" data-testid="basic-info-comparison">
      <h3 id="comparison-heading">{m.comparisonHeading}</h3>
      <p>{explain}</p>
      <table className="comparison">
        <thead>
          <tr>
            <th scope="col"></th>
            <th scope="col">{m.typed}</th>
            <th scope="col">{m.certificate}</th>
            {onChoose !== undefined && <th scope="col"></th>}
          </tr>
        </thead>
        <tbody>
          {differing.map((row) => (
            <tr key={row.field} data-testid={`comparison-${row.field}`}>
              <th scope="row">{m.field[row.field]}</th>
              <td data-testid={`comparison-${row.field}-typed`}>{row.typed}</td>
              <td data-testid={`comparison-${row.field}-certificate`}>
                {row.certificate}
                {row.substitute !== null && <p className="comparison__note">{m.substituteNote(row.substitute)}</p>}
              </td>
              {onChoose !== undefined && (
                <td>
                  <button type="button" className="button button--secondary" data-testid={`use-certificate-${row.field}`} onClick={() => onChoose(row, "certificate")}>
                    {m.useCertificate}
                  </button>{" "}
                  <button type="button" className="button button--secondary" data-testid={`keep-typed-${row.field}`} onClick={() => onChoose(row, "typed")}>
                    {m.keepTyped}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
