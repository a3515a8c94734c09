import type { Locale } from "../../../i18n/locale.ts";
import type { ApprovalKind, ApprovalSubject, ApprovalView } from "./approvals-api.ts";

/** Words of the approval pieces, Japanese first. */
export const approvalMessages = {
  ja: {
    title: "承認",
    intro: "監査ログや申請データの保存期間の短縮と、件数の多い書き出しには、ほかの職員の承認が必要です（二人の確認）。承認された操作は、依頼した職員が 24 時間以内に 1 回だけ実行できます。",
    empty: "承認待ちの依頼や、実行できる承認はありません。",
    kind: { "retention.shorten": "監査ログの保存期間の短縮", "applications.retention.shorten": "申請データの保存期間の短縮", "applications.export": "申請の書き出し", "audit.export": "監査ログの書き出し", "fee.change": "手数料の変更" } as Record<ApprovalKind, string>,
    state: { pending: "承認待ち", approved: "承認済み", rejected: "却下", used: "実行済み", expired: "期限切れ" } as Record<ApprovalView["state"], string>,
    requestedBy: "依頼した職員",
    decidedBy: "承認・却下した職員",
    content: "内容",
    status: "状態",
    approve: "承認する",
    reject: "却下する",
    carryOut: "実行する",
    approved: "承認しました。",
    rejected: "却下しました。",
    carriedOut: "実行しました。",
    request: "承認を依頼する",
    requested: "承認を依頼しました。ほかの職員が「承認」画面で承認すると、そこから実行できます。",
    everyStatus: "すべての状態",
    retention: (months: number) => `保存期間を ${months} か月にする`,
    fee: (from: number, to: number) => `手数料を ${from.toLocaleString("ja-JP")}円 から ${to.toLocaleString("ja-JP")}円 に変更する`,
  },
  en: {
    title: "Approvals",
    intro: "Shortening the retention of the audit log or of applications, and large exports, need another staff member's approval (four eyes). An approved action can be carried out once, by the member who asked, within 24 hours.",
    empty: "No requests await your approval and no approvals are ready to carry out.",
    kind: { "retention.shorten": "Shorten the audit log's retention", "applications.retention.shorten": "Shorten the applications' retention", "applications.export": "Export applications", "audit.export": "Export the audit log", "fee.change": "Change a fee" } as Record<ApprovalKind, string>,
    state: { pending: "Waiting for approval", approved: "Approved", rejected: "Rejected", used: "Carried out", expired: "Expired" } as Record<ApprovalView["state"], string>,
    requestedBy: "Requested by",
    decidedBy: "Decided by",
    content: "What",
    status: "State",
    approve: "Approve",
    reject: "Reject",
    carryOut: "Carry out",
    approved: "Approved.",
    rejected: "Rejected.",
    carriedOut: "Done.",
    request: "Request approval",
    requested: "Approval requested. Once another staff member approves it on the Approvals page, you can carry it out there.",
    everyStatus: "every status",
    retention: (months: number) => `Set the retention to ${months} months`,
    fee: (from: number, to: number) => `Change the fee from ¥${from.toLocaleString("en-US")} to ¥${to.toLocaleString("en-US")}`,
  },
} as const;

/** A subject in words: the new retention, or the export's filter (`key=value`, empty ones left out). */
export const describeSubject = (locale: Locale, kind: ApprovalKind, subject: ApprovalSubject): string => {
  const m = approvalMessages[locale];
  if (kind === "retention.shorten" || kind === "applications.retention.shorten") return m.retention(Number(subject["months"]));
  if (kind === "fee.change") return `${m.fee(Number(subject["from"]), Number(subject["to"]))} (${String(subject["applicationId"])})`;
  // An applications export: its status filter and (S3) the columns the file will hold, which the approver must see.
  if (kind === "applications.export") {
    const status = subject["status"] === null || subject["status"] === undefined ? m.everyStatus : `status=${String(subject["status"])}`;
    return subject["columns"] === undefined || subject["columns"] === null ? status : `${status}, columns=${String(subject["columns"])}`;
  }
  const parts = Object.entries(subject).filter(([, v]) => v !== null).map(([k, v]) => `${k}=${String(v)}`);
  return parts.length === 0 ? m.everyStatus : parts.join(", ");
};
