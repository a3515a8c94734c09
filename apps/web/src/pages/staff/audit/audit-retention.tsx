import { useState, type FormEvent } from "react";
import { requestJson } from "../../../api.ts";
import { Alert } from "../../../components/alert.tsx";
import { TextField } from "../../../components/text-field.tsx";
import { useLoad } from "../../../hooks/use-load.ts";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import type { Locale } from "../../../i18n/locale.ts";
import { useStepUp } from "../step-up/use-step-up.tsx";
import { RequestApproval } from "../approvals/request-approval.tsx";
import { needsApproval } from "../approvals/approvals-api.ts";

/** `GET/PUT /api/staff/settings/audit-retention`. */
export interface AuditRetentionView {
  readonly months: number;
  readonly source: "setting" | "default";
  readonly defaultMonths: number;
  readonly minMonths: number;
  readonly maxMonths: number;
  readonly canChange: boolean;
}

const URL_PATH = "/api/staff/settings/audit-retention";

const auditRetentionApi = (locale: Locale) => ({
  get: (signal?: AbortSignal) => requestJson<AuditRetentionView>("GET", URL_PATH, signal === undefined ? { locale } : { locale, signal }),
  put: (months: number, csrfToken: string) => requestJson<AuditRetentionView & { changed: boolean }>("PUT", URL_PATH, { locale, body: { months }, csrfToken }),
});

const M = {
  ja: {
    heading: "保存期間",
    current: (v: AuditRetentionView) =>
      `監査ログは、各月の記録をその月の終わりから ${v.months} か月保存し、その後に月単位で削除します（${v.source === "setting" ? "管理者が設定" : `既定値。環境設定の ${v.defaultMonths} か月`}）。`,
    label: "保存期間（月）",
    help: (v: AuditRetentionView) => `${v.minMonths}〜${v.maxMonths} の整数。短くすると、次の定期処理で期間を過ぎた記録が削除されます。変更には確認コードの再入力が必要です。`,
    save: "保存期間を変更",
    saved: (months: number) => `保存期間を ${months} か月に変更しました。`,
    unchanged: "保存期間は変わりません。",
    notNumber: "数字で入力してください。",
  },
  en: {
    heading: "Retention period",
    current: (v: AuditRetentionView) =>
      `Each month's audit records are kept ${v.months} months after the month ends, then deleted month by month (${v.source === "setting" ? "set by an administrator" : `the default: ${v.defaultMonths} months from the deployment`}).`,
    label: "Retention (months)",
    help: (v: AuditRetentionView) => `A whole number from ${v.minMonths} to ${v.maxMonths}. Shortening it deletes the records past the new period at the next maintenance run. Changing it asks for your authenticator code again.`,
    save: "Change the retention period",
    saved: (months: number) => `The retention period is now ${months} months.`,
    unchanged: "The retention period is unchanged.",
    notNumber: "Enter a number.",
  },
} as const;

/**
 * The audit log's retention period on the audit page: everyone who may read the log sees it; holders
 * of `retention.manage` change it here, through the shared step-up prompt. `onChanged` lets the page
 * refresh what it shows.
 */
export function AuditRetentionSection({ onChanged }: { readonly onChanged: () => void }) {
  const { locale } = useI18n();
  const m = M[locale];
  const api = auditRetentionApi(locale);
  const stepUp = useStepUp();
  const loaded = useLoad((signal) => api.get(signal), "audit-retention");
  const [draft, setDraft] = useState("");
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  // Shortening needs a second person's approval (ADR 24): the refused value is what can be asked for.
  const [shortening, setShortening] = useState<number | null>(null);

  if (loaded.state.kind !== "ok") return null;
  const view = loaded.state.data;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    setFieldError(null);
    setShortening(null);
    const months = Number(draft.trim());
    if (draft.trim() === "" || !Number.isFinite(months)) {
      setFieldError(m.notNumber);
      return;
    }
    const result = await stepUp.run((csrf) => api.put(months, csrf));
    if (result.ok) {
      loaded.set(result.data);
      setDraft("");
      setMessage({ kind: "success", text: result.data.changed ? m.saved(result.data.months) : m.unchanged });
      onChanged();
      return;
    }
    const forField = result.error.fieldErrors.find((f) => f.field === "months");
    if (needsApproval(result.error)) setShortening(months);
    if (forField !== undefined) setFieldError(forField.message);
    else setMessage({ kind: "error", text: result.error.message ?? String(result.error.status) });
  };

  return (
    <section aria-labelledby="audit-retention-heading" data-testid="audit-retention">
      <h2 id="audit-retention-heading">{m.heading}</h2>
      <p data-testid="audit-retention-current">{m.current(view)}</p>
      {message !== null && (
        <Alert kind={message.kind} testId="audit-retention-message">
          <p>{message.text}</p>
        </Alert>
      )}
      {shortening !== null && <RequestApproval key={shortening} kind="retention.shorten" subject={{ months: shortening }} testId="audit-retention-request-approval" />}
      {view.canChange && (
        <form noValidate className="form form--narrow" onSubmit={(e) => void submit(e)}>
          <TextField
            id="auditRetentionMonths"
            label={m.label}
            help={m.help(view)}
            value={draft}
            onChange={setDraft}
            inputMode="numeric"
            size="short"
            testId="audit-retention-months"
            errors={fieldError === null ? [] : [fieldError]}
            announceErrors
          />
          <div className="actions">
            <button type="submit" className="button" data-testid="audit-retention-save">
              {m.save}
            </button>
          </div>
        </form>
      )}
      {stepUp.prompt}
    </section>
  );
}
