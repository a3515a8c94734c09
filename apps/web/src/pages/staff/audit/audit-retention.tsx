import { RetentionPeriodForm, type RetentionTexts } from "../retention/retention-period-form.tsx";

const TEXTS = {
  ja: {
    heading: "保存期間",
    current: (v) =>
      `監査ログは、各月の記録をその月の終わりから ${v.months} か月保存し、その後に月単位で削除します（${v.source === "setting" ? "管理者が設定" : `既定値。環境設定の ${v.defaultMonths} か月`}）。`,
    help: (v) => `${v.minMonths}〜${v.maxMonths} の整数。短くすると、次の定期処理で期間を過ぎた記録が削除されます。変更には確認コードの再入力が必要です。`,
  },
  en: {
    heading: "Retention period",
    current: (v) =>
      `Each month's audit records are kept ${v.months} months after the month ends, then deleted month by month (${v.source === "setting" ? "set by an administrator" : `the default: ${v.defaultMonths} months from the deployment`}).`,
    help: (v) => `A whole number from ${v.minMonths} to ${v.maxMonths}. Shortening it deletes the records past the new period at the next maintenance run. Changing it asks for your authenticator code again.`,
  },
} as const satisfies Record<string, RetentionTexts>;

/**
 * The audit log's retention period on the audit page: everyone who may read the log sees it; holders of
 * `retention.manage` change it here. `onChanged` lets the page refresh what it shows.
 */
export function AuditRetentionSection({ onChanged }: { readonly onChanged: () => void }) {
  return <RetentionPeriodForm kind="retention.shorten" texts={TEXTS} testIdPrefix="audit-retention" onChanged={onChanged} />;
}
