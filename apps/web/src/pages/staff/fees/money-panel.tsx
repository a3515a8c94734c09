import { useState, type FormEvent } from "react";
import { requestJson } from "../../../api.ts";
import type { Fee } from "../../../api-types.ts";
import { Alert } from "../../../components/alert.tsx";
import { DefinitionList } from "../../../components/definition-list.tsx";
import { FeeTable } from "../../../components/fee-table.tsx";
import { Loading } from "../../../components/loading.tsx";
import { formatDateTime, formatYen } from "../../../format.ts";
import { useLoad } from "../../../hooks/use-load.ts";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import { approvalsApi, type ApprovalSubject } from "../approvals/approvals-api.ts";
import { RequestApproval } from "../approvals/request-approval.tsx";
import { useStepUp } from "../step-up/use-step-up.tsx";
import { MoneyDisagreements, type MoneyDisagreement } from "./money-disagreements.tsx";

/** `GET /api/staff/applications/:id/money` (ADR 26). */
export interface MoneyView {
  readonly count: number;
  readonly feeFixed: boolean;
  readonly due: number;
  readonly fee: Fee;
  readonly totals: { readonly authorized: number; readonly captured: number; readonly refunded: number; readonly held: number; readonly net: number; readonly pendingDifference: number; readonly excess: number };
  readonly feeChanges: readonly { readonly at: string; readonly staffId: string; readonly from: number; readonly to: number; readonly reason: string; readonly approvalId: string | null }[];
  readonly approvalThreshold: number;
  /** What the gateway was found to disagree with the books about (ADR 27): staff must look at the gateway. */
  readonly disagreements: readonly MoneyDisagreement[];
  readonly effect?: "none" | "capture_less" | "refund" | "request_payment";
  readonly moneyError?: string;
}

const M = {
  ja: {
    heading: "手数料と支払い",
    feeInForce: "現在の手数料",
    authorized: "与信額",
    captured: "売上確定額",
    refunded: "返金額",
    held: "売上確定前の与信",
    pending: "申請者の未払い差額",
    notFixed: "事後決済：手数料はまだ確定していません。",
    changeHeading: "手数料を変更する",
    quantity: (label: string) => `${label} の数量`,
    exempt: (label: string) => `${label} の免除理由（免除しない場合は空欄）`,
    reason: "変更の理由（個人情報は書かないでください）",
    submit: "変更する",
    threshold: (yen: string) => `${yen} を超える増減には、ほかの職員の承認が必要です。`,
    effect: {
      none: "手数料を変更しました。",
      capture_less: "手数料を変更しました。完了時に減額して売上確定します。",
      refund: "手数料を変更し、差額を返金しました。",
      request_payment: "手数料を変更しました。申請者に差額の支払いを依頼してください。",
    },
    moneyError: "決済代行への処理が完了していません。しばらくしてから再実行してください。",
    history: "変更の履歴",
    colAt: "日時",
    colFromTo: "変更",
    colReason: "理由",
  },
  en: {
    heading: "Fee and payment",
    feeInForce: "Fee in force",
    authorized: "Authorised",
    captured: "Captured",
    refunded: "Refunded",
    held: "Held (not captured)",
    pending: "Difference the resident still owes",
    notFixed: "Pay after assessment: the fee is not fixed yet.",
    changeHeading: "Change the fee",
    quantity: (label: string) => `Quantity of ${label}`,
    exempt: (label: string) => `Exemption reason for ${label} (empty: not exempt)`,
    reason: "Reason for the change (no personal data)",
    submit: "Change",
    threshold: (yen: string) => `Changes of more than ${yen} either way need another staff member's approval.`,
    effect: {
      none: "The fee was changed.",
      capture_less: "The fee was changed. Less will be captured at completion.",
      refund: "The fee was changed and the difference refunded.",
      request_payment: "The fee was changed. Ask the resident to pay the difference.",
    },
    moneyError: "The payment agent has not finished. Please retry later.",
    history: "Changes",
    colAt: "When",
    colFromTo: "Change",
    colReason: "Reason",
  },
} as const;

/**
 * The money of an application in the back office (ADR 26): authorised, captured, refunded and the difference
 * still owed; for holders of `fees.change` the form that changes quantities or exempts a line with a reason —
 * after a step-up, and above the threshold with a colleague's approval (asked from here, carried out from here).
 */
export function MoneyPanel({ applicationId, canChange }: { readonly applicationId: string; readonly canChange: boolean }) {
  const { locale, pick } = useI18n();
  const m = M[locale];
  const stepUp = useStepUp();
  const url = `/api/staff/applications/${encodeURIComponent(applicationId)}/money`;
  const money = useLoad((signal) => requestJson<MoneyView>("GET", url, { locale, signal }), url);
  const [quantities, setQuantities] = useState<Record<number, string>>({});
  const [exemptions, setExemptions] = useState<Record<number, string>>({});
  const [reason, setReason] = useState("");
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const [approval, setApproval] = useState<ApprovalSubject | null>(null);

  if (money.state.kind === "loading") return <Loading />;
  if (money.state.kind === "error") {
    return (
      <Alert kind="error" testId="money-error">
        <p>{money.state.error.message ?? String(money.state.error.status)}</p>
      </Alert>
    );
  }
  const view = money.state.data;
  const yen = (n: number) => formatYen(n, locale);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    const edits = view.fee.lines.flatMap((line, index) => {
      const q = quantities[index];
      const ex = (exemptions[index] ?? "").trim();
      const quantity = q === undefined || q.trim() === "" ? line.quantity : Number(q);
      const exemptionReason = ex === "" ? null : ex;
      if (quantity === line.quantity && exemptionReason === (line.exemption?.reason.ja ?? null)) return [];
      return [{ index, quantity, exemptionReason }];
    });
    const body = { expectedCount: view.count, edits, reason };
    const send = (approvalId?: string) =>
      stepUp.run((csrf) => requestJson<MoneyView>("POST", `/api/staff/applications/${encodeURIComponent(applicationId)}/fee`, { locale, body: approvalId === undefined ? body : { ...body, approvalId }, csrfToken: csrf }));
    let result = await send();
    if (!result.ok && result.error.code === "approval.required") {
      // An approval this member was given for exactly this change is used at once; otherwise offer to ask for one.
      // The subject is the server's: the application and the amounts before and after (computed as it does).
      const to = view.fee.lines.reduce((sum, line, index) => {
        const edit = edits.find((x) => x.index === index);
        if (edit === undefined) return sum + line.amount;
        return sum + (edit.exemptionReason !== null ? 0 : line.unitPrice * edit.quantity);
      }, 0);
      const subject: ApprovalSubject = { applicationId, from: view.feeFixed ? view.due : view.fee.total, to };
      const mine = await approvalsApi(locale).list();
      const approved = mine.ok ? mine.data.items.find((a) => a.kind === "fee.change" && a.mine && a.state === "approved" && sameSubject(a.subject, subject)) : undefined;
      if (approved === undefined) {
        setApproval(subject);
        setMessage({ kind: "error", text: result.error.message ?? String(result.error.status) });
        return;
      }
      result = await send(approved.id);
    }
    if (!result.ok) {
      setMessage({ kind: "error", text: result.error.message ?? String(result.error.status) });
      return;
    }
    setApproval(null);
    setReason("");
    setQuantities({});
    setExemptions({});
    money.set(result.data);
    setMessage({ kind: result.data.moneyError === undefined ? "success" : "error", text: result.data.moneyError === undefined ? m.effect[result.data.effect ?? "none"] : m.moneyError });
  };

  return (
    <section aria-labelledby="money-heading" data-testid="money-panel">
      <h2 id="money-heading">{m.heading}</h2>
      {!view.feeFixed && <p data-testid="money-not-fixed">{m.notFixed}</p>}
      <MoneyDisagreements disagreements={view.disagreements} locale={locale} />
      <h3>{m.feeInForce}</h3>
      <div data-testid="fee-in-force">
        <FeeTable fee={view.fee} />
      </div>
      <DefinitionList
        rows={[
          { label: m.authorized, value: yen(view.totals.authorized), testId: "money-authorized" },
          { label: m.captured, value: yen(view.totals.captured), testId: "money-captured" },
          { label: m.refunded, value: yen(view.totals.refunded), testId: "money-refunded" },
          { label: m.held, value: yen(view.totals.held), testId: "money-held" },
          { label: m.pending, value: yen(view.totals.pendingDifference), testId: "money-pending" },
        ]}
      />
      {message !== null && (
        <Alert kind={message.kind} testId="money-message">
          <p>{message.text}</p>
        </Alert>
      )}
      {approval !== null && <RequestApproval key={JSON.stringify(approval)} kind="fee.change" subject={approval} testId="fee-request-approval" />}
      {stepUp.prompt}
      {canChange && (
        <form noValidate className="form" onSubmit={(e) => void submit(e)} data-testid="fee-change-form">
          <h3>{m.changeHeading}</h3>
          <p>{m.threshold(yen(view.approvalThreshold))}</p>
          {view.fee.lines.map((line, index) =>
            line.kind === "postage" ? null : (
              <div key={index} className="field-group">
                <div className="field">
                  <label className="field__label" htmlFor={`fee-quantity-${index}`}>
                    {m.quantity(pick(line.label))}
                  </label>
                  <input
                    id={`fee-quantity-${index}`}
                    className="input input--short"
                    inputMode="numeric"
                    value={quantities[index] ?? String(line.quantity)}
                    onChange={(e) => setQuantities({ ...quantities, [index]: e.target.value })}
                    data-testid={`fee-quantity-${index}`}
                  />
                </div>
                <div className="field">
                  <label className="field__label" htmlFor={`fee-exemption-${index}`}>
                    {m.exempt(pick(line.label))}
                  </label>
                  <input
                    id={`fee-exemption-${index}`}
                    className="input"
                    value={exemptions[index] ?? line.exemption?.reason.ja ?? ""}
                    onChange={(e) => setExemptions({ ...exemptions, [index]: e.target.value })}
                    data-testid={`fee-exemption-${index}`}
                  />
                </div>
              </div>
            ),
          )}
          <div className="field">
            <label className="field__label" htmlFor="fee-reason">
              {m.reason}
            </label>
            <textarea id="fee-reason" className="textarea" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="fee-reason" />
          </div>
          <div className="actions">
            <button type="submit" className="button" data-testid="fee-change-submit">
              {m.submit}
            </button>
          </div>
        </form>
      )}
      {view.feeChanges.length > 0 && (
        <div className="table-scroll">
          <table className="table" data-testid="fee-changes">
            <caption>{m.history}</caption>
            <thead>
              <tr>
                <th scope="col">{m.colAt}</th>
                <th scope="col">{m.colFromTo}</th>
                <th scope="col">{m.colReason}</th>
              </tr>
            </thead>
            <tbody>
              {view.feeChanges.map((c, i) => (
                <tr key={i}>
                  <td>
                    <time dateTime={c.at}>{formatDateTime(c.at, locale)}</time>
                  </td>
                  <td>
                    {yen(c.from)} → {yen(c.to)}
                  </td>
                  <td>{c.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const sameSubject = (a: ApprovalSubject, b: ApprovalSubject): boolean => {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] === b[k]);
};
