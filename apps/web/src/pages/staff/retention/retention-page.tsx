import { PageTitle } from "../../../components/page-title.tsx";
import { usePageTitle } from "../../../hooks/use-document-title.ts";
import { useLoad } from "../../../hooks/use-load.ts";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import type { Localized } from "../../../i18n/locale.ts";
import { StaffNav } from "../staff-nav.tsx";
import { ExpiredApplicationsSection } from "./expired-applications.tsx";
import { retentionApi } from "./retention-api.ts";
import { RetentionPeriodForm, type RetentionTexts } from "./retention-period-form.tsx";

const M = {
  ja: {
    title: "保存期間と削除",
    intro: "申請データは、保存期間を過ぎると自動的に削除されます。保存期間の変更と、期間を過ぎた申請の確認・削除ができます。監査ログの保存期間は「監査ログ」画面にあります。",
  },
  en: {
    title: "Retention and deletion",
    intro: "Application data is deleted automatically once its retention period is over. Change the period here, and see and delete the applications past it. The audit log's retention is on the Audit log page.",
  },
} as const;

const APPLICATION_RETENTION_TEXTS = {
  ja: {
    heading: "申請データの保存期間",
    current: (v) =>
      `終了した申請（完了・不受理・取下げ）は、終了から ${v.months} か月保存し、その後 1 時間ごとの定期処理で自動的に削除します。処理中の申請は削除しません（${v.source === "setting" ? "管理者が設定" : `既定値。環境設定の ${v.defaultMonths} か月`}）。`,
    help: (v) => `${v.minMonths}〜${v.maxMonths} の整数。短くすると、次の定期処理で新しい期間を過ぎた申請が削除されます。短くするにはほかの職員の承認が必要です。変更には確認コードの再入力が必要です。`,
  },
  en: {
    heading: "Retention of application data",
    current: (v) =>
      `Finished applications (completed, rejected or withdrawn) are kept ${v.months} months after they finished, then deleted automatically by the hourly run. Applications still in process are never deleted (${v.source === "setting" ? "set by an administrator" : `the default: ${v.defaultMonths} months from the deployment`}).`,
    help: (v) => `A whole number from ${v.minMonths} to ${v.maxMonths}. Shortening it deletes the applications past the new period at the next run, and needs another staff member's approval. Changing it asks for your authenticator code again.`,
  },
} as const satisfies Record<string, RetentionTexts>;

/** The retention page's name in the navigation. */
export const retentionNavLabel: Localized = { ja: M.ja.title, en: M.en.title };

/**
 * `/staff/retention` — S4 "保存期間をデータ種別ごとに設定でき、期間を過ぎたデータは自動で（一括でも）削除": the
 * applications' retention period, and the finished applications past it with their deletion now. For holders of
 * `retention.manage`; the server checks it on every request.
 */
export function RetentionPage() {
  const { locale } = useI18n();
  const m = M[locale];
  usePageTitle(m.title);
  const expired = useLoad((signal) => retentionApi(locale).expired(signal), `expired-applications-${locale}`);
  return (
    <>
      <StaffNav current="retention" />
      <PageTitle>{m.title}</PageTitle>
      <p>{m.intro}</p>
      {/* A changed period changes which applications are past it. */}
      <RetentionPeriodForm kind="applications.retention.shorten" texts={APPLICATION_RETENTION_TEXTS} testIdPrefix="application-retention" onChanged={expired.reload} />
      <ExpiredApplicationsSection expired={expired} />
    </>
  );
}
