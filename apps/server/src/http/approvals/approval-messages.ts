import type { ApprovalRefusalCode, Locale } from "@madoguchi/core";

/** Codes of the approval answers beyond core's refusals. */
export type ApprovalAnswerCode = ApprovalRefusalCode | "approval.required" | "approval.not_needed" | "approval.conflict";

/**
 * Status and Japanese/English message of each approval answer. A `Record` over the closed code union:
 * a new refusal in core breaks the build here until it has both.
 */
export const APPROVAL_ANSWERS: Readonly<Record<ApprovalAnswerCode, { readonly status: number; readonly ja: string; readonly en: string }>> = {
  "approval.required": {
    status: 409,
    ja: "この操作には、ほかの職員の承認が必要です。「承認を依頼する」から依頼してください。",
    en: "This action needs another staff member's approval. Use “Request approval”.",
  },
  "approval.not_needed": { status: 422, ja: "この変更には承認は不要です（保存期間の短縮だけが対象です）。", en: "This change needs no approval (only shortening the retention does)." },
  "approval.conflict": { status: 409, ja: "ほかの職員が同時にこの依頼を処理しました。画面を再読み込みしてください。", en: "Another staff member acted on this request at the same time. Reload the page." },
  "approval.not_found": { status: 404, ja: "承認依頼が見つかりません。", en: "The approval request was not found." },
  "approval.invalid_subject": { status: 422, ja: "依頼の内容が正しくありません。", en: "The request's content is not valid." },
  "approval.self_approval": { status: 403, ja: "自分の依頼を自分で承認・却下することはできません。", en: "You cannot approve or reject your own request." },
  "approval.approver_inactive": { status: 403, ja: "このアカウントでは承認できません。", en: "This account cannot approve." },
  "approval.not_permitted": { status: 403, ja: "この依頼を承認する権限がありません。", en: "You do not have the permission this request needs." },
  "approval.not_pending": { status: 409, ja: "この依頼はすでに承認または却下されています。", en: "This request was already approved or rejected." },
  "approval.expired": { status: 409, ja: "この依頼の期限が切れています。もう一度依頼してください。", en: "This request has expired. Please request again." },
  "approval.not_requester": { status: 403, ja: "承認された操作を実行できるのは依頼した職員だけです。", en: "Only the staff member who asked can carry out the approved action." },
  "approval.not_approved": { status: 409, ja: "この依頼はまだ承認されていません。", en: "This request has not been approved." },
  "approval.already_used": { status: 409, ja: "この承認はすでに使われています。もう一度依頼してください。", en: "This approval was already used. Please request again." },
  "approval.subject_mismatch": { status: 409, ja: "承認された内容と異なる操作です。", en: "This is not the action that was approved." },
};

/** The JSON error of an approval answer in the request's language. */
export const approvalAnswer = (code: ApprovalAnswerCode, locale: Locale) => ({
  status: APPROVAL_ANSWERS[code].status,
  body: { error: { code, message: APPROVAL_ANSWERS[code][locale] } },
});
