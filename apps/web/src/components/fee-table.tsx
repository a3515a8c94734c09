import type { Fee } from "../api-types.ts";
import { formatYen } from "../format.ts";
import { useI18n } from "../i18n/i18n-context.tsx";

/** The fee breakdown: certificate × copies, postage, and the 合計 total. */
export function FeeTable({ fee }: { readonly fee: Fee }) {
  const { t, locale, pick } = useI18n();
  return (
    <div className="table-scroll">
      <table className="table fee-table">
        <caption className="visually-hidden">{t.fee.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.fee.item}</th>
            <th scope="col" className="num">
              {t.fee.unitPrice}
            </th>
            <th scope="col" className="num">
              {t.fee.quantity}
            </th>
            <th scope="col" className="num">
              {t.fee.amount}
            </th>
          </tr>
        </thead>
        <tbody>
          {fee.lines.map((line, i) => (
            <tr key={i} data-testid={`fee-line-${line.kind}`}>
              <th scope="row">
                {pick(line.label)}
                {line.exemption !== undefined && (
                  <span className="fee-table__exemption" data-testid="fee-exemption">
                    {" "}
                    （{locale === "ja" ? "免除" : "Exempt"}: {pick(line.exemption.reason)}）
                  </span>
                )}
              </th>
              <td className="num">{formatYen(line.unitPrice, locale)}</td>
              <td className="num">{line.quantity}</td>
              <td className="num">{formatYen(line.amount, locale)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              {t.fee.total}
            </th>
            <td className="num fee-table__total" data-testid="fee-total">
              {formatYen(fee.total, locale)}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
