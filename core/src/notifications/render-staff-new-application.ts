import type { Application } from "../applications/application.ts";
import type { Procedure } from "../procedures/procedure.ts";

/** A mail to staff: subject and plain text. */
export interface StaffMail {
  readonly subject: string;
  readonly text: string;
}

/**
 * The notice to staff that an application is waiting (S7). Staff accounts have no language setting, so one mail
 * carries Japanese then English, as the security notices do. It names the receipt number and the procedure only:
 * no name, address or other data of the resident (staff open the application in the back office, where the access
 * is audited), and no link (links in mail are what phishing imitates; staff use their bookmark).
 */
export const renderStaffNewApplicationEmail = (application: Pick<Application, "receiptNumber" | "submittedAt">, procedure: Pick<Procedure, "name">, serviceName: string): StaffMail => ({
  subject: `【${serviceName}】新しい申請があります / A new application is waiting（${application.receiptNumber}）`,
  text: [
    "職員各位",
    "",
    `${procedure.name.ja}の新しい申請が届きました。職員用画面（ブックマークから）で受付番号を検索し、処理してください。`,
    "",
    `受付番号：${application.receiptNumber}`,
    `手続き：${procedure.name.ja}`,
    `申請日時：${application.submittedAt.toISOString()}`,
    "",
    "----",
    "",
    `A new application for ${procedure.name.en} has arrived. Open the back office from your bookmark, find it by its receipt number and process it.`,
    "",
    `Receipt number: ${application.receiptNumber}`,
    `Procedure: ${procedure.name.en}`,
    `Submitted at: ${application.submittedAt.toISOString()}`,
    "",
  ].join("\n"),
});

/**
 * The daily reminder to a staff member of the applications waiting longer than `days` days to be taken up (S7):
 * receipt numbers, procedures and dates only, Japanese then English, no link.
 */
export const renderStaffReminderEmail = (
  waiting: readonly { readonly receiptNumber: string; readonly submittedAt: Date; readonly procedure: Pick<Procedure, "name"> }[],
  days: number,
  serviceName: string,
): StaffMail => ({
  subject: `【${serviceName}】未処理の申請が${waiting.length}件あります / ${waiting.length} application${waiting.length === 1 ? " is" : "s are"} waiting`,
  text: [
    "職員各位",
    "",
    `受け付けてから${days}日以上、処理が始まっていない申請があります。職員用画面（ブックマークから）で確認してください。`,
    "",
    ...waiting.map((w) => `・${w.receiptNumber}　${w.procedure.name.ja}　${w.submittedAt.toISOString()}`),
    "",
    "----",
    "",
    `These applications have waited ${days} days or more without being taken up. Open the back office from your bookmark.`,
    "",
    ...waiting.map((w) => `- ${w.receiptNumber}  ${w.procedure.name.en}  ${w.submittedAt.toISOString()}`),
    "",
  ].join("\n"),
});
