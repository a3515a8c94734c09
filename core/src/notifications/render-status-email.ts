import type { Application } from "../applications/application.ts";
import type { ApplicationStatus } from "../applications/application-status.ts";
import { statusLabel } from "../applications/application-status-label.ts";
import type { Procedure, ProcedureCatalog } from "../procedures/procedure.ts";
import { formatYen } from "../shared/format-yen.ts";
import type { Locale } from "../shared/localized.ts";

/** A rendered email: subject and plain-text body. */
export interface StatusEmail {
  readonly subject: string;
  readonly text: string;
}

/** Per status: the subject's event and the body's opening sentence, for one procedure name. */
const EVENTS: {
  readonly [S in ApplicationStatus]: {
    readonly ja: (procedure: string) => { subject: string; lead: string };
    readonly en: (procedure: string) => { subject: string; lead: string };
  };
} = {
  submitted: {
    ja: (p) => ({ subject: `${p}の申請を受け付けました`, lead: `${p}の申請を受け付けました。内容を確認のうえ、順次処理いたします。` }),
    en: (p) => ({ subject: `We have received your application for ${p}`, lead: `We have received your application for ${p}. We will check it and process it in turn.` }),
  },
  received: {
    ja: (p) => ({ subject: `${p}の申請を受理しました`, lead: `${p}の申請の内容を確認し、受理しました。` }),
    en: (p) => ({ subject: `Your application for ${p} has been accepted`, lead: `We have checked and accepted your application for ${p}.` }),
  },
  processing: {
    ja: (p) => ({ subject: `${p}の申請の処理を開始しました`, lead: `${p}の証明書の作成を開始しました。処理を開始したため、申請の取下げはできません。` }),
    en: (p) => ({
      subject: `We have started processing your application for ${p}`,
      lead: `We have started preparing your ${p}. Now that processing has started, the application can no longer be withdrawn.`,
    }),
  },
  completed: {
    ja: (p) => ({ subject: `${p}の申請の処理が完了しました`, lead: `${p}の処理が完了し、証明書を発送しました。到着まで数日かかる場合があります。` }),
    en: (p) => ({ subject: `Your application for ${p} is complete`, lead: `Your ${p} has been issued and posted. It may take a few days to arrive.` }),
  },
  rejected: {
    ja: (p) => ({ subject: `${p}の申請を受理できませんでした`, lead: `誠に恐れ入りますが、${p}の申請は下記の理由により受理できませんでした（不受理）。` }),
    en: (p) => ({
      subject: `Your application for ${p} could not be accepted`,
      lead: `We are sorry: your application for ${p} could not be accepted, for the reason below.`,
    }),
  },
  returned: {
    ja: (p) => ({ subject: `${p}の申請について確認をお願いします（差戻し）`, lead: `${p}の申請について、下記の理由により差し戻しました。内容をご確認ください。` }),
    en: (p) => ({
      subject: `Your application for ${p} needs your attention`,
      lead: `Your application for ${p} has been returned to you for the reason below. Please check it.`,
    }),
  },
  withdrawn: {
    ja: (p) => ({ subject: `${p}の申請を取り下げました`, lead: `ご依頼により、${p}の申請を取り下げました。` }),
    en: (p) => ({
      subject: `Your application for ${p} has been withdrawn`,
      lead: `As you requested, your application for ${p} has been withdrawn.`,
    }),
  },
};

/** The reason of the status change that led to the current status (不受理 / 差戻し), if any. */
const currentReason = (application: Application): string | null => {
  for (let i = application.history.length - 1; i >= 0; i--) {
    const change = application.history[i];
    if (change !== undefined && change.to === application.status) return change.reason;
  }
  return null;
};

/**
 * The email sent to the resident when an application enters its current status (R7): addressed by
 * name, with the receipt number, procedure, fee total, status and — for 不受理 and 差戻し — the reason.
 * It explains how to check the status (receipt number + the access code shown at submission) but
 * never contains the access secret, which only the resident has.
 */
export const renderStatusEmail = (
  application: Application,
  procedure: Procedure,
  municipality: ProcedureCatalog["municipality"],
  locale: Locale,
): StatusEmail => {
  const ja = locale === "ja";
  const city = municipality.name[locale];
  const procedureName = procedure.name[locale];
  const { subject, lead } = EVENTS[application.status][locale](procedureName);
  const reason = application.status === "rejected" || application.status === "returned" ? currentReason(application) : null;
  const lines = ja
    ? [
        `${application.applicant.name} 様`,
        "",
        `${city}です。${lead}`,
        "",
        `受付番号：${application.receiptNumber}`,
        `手続き：${procedureName}（${application.request.copies}通）`,
        `手数料・郵送料の合計：${formatYen(application.fee.total, "ja")}`,
        `現在の状況：${statusLabel(application.status, "ja")}`,
        ...(reason === null ? [] : ["", "【理由】", reason]),
        "",
        "申請の状況は、受付番号と、申請完了時に画面に表示されたアクセスコードを入力して確認できます。",
        "アクセスコードはこのメールには記載していません。第三者に知らせないでください。",
        "",
        "このメールは送信専用です。ご不明な点は、受付番号を添えて市役所の担当窓口までお問い合わせください。",
        `${city}`,
      ]
    : [
        `Dear ${application.applicant.name},`,
        "",
        `This is ${city}. ${lead}`,
        "",
        `Receipt number: ${application.receiptNumber}`,
        `Procedure: ${procedureName} (${application.request.copies} ${application.request.copies === 1 ? "copy" : "copies"})`,
        `Total fee and postage: ${formatYen(application.fee.total, "en")}`,
        `Status: ${statusLabel(application.status, "en")}`,
        ...(reason === null ? [] : ["", "Reason:", reason]),
        "",
        "You can check the status with the receipt number and the access code shown when you submitted the application.",
        "The access code is not included in this email. Do not share it with anyone.",
        "",
        "This address does not receive replies. For questions, contact the city office with your receipt number.",
        `${city}`,
      ];
  return {
    subject: ja ? `【${city}】${subject}（受付番号 ${application.receiptNumber}）` : `[${city}] ${subject} (receipt number ${application.receiptNumber})`,
    text: `${lines.join("\n")}\n`,
  };
};

/** Why the resident is asked to pay: the 事後決済 fee was fixed, or staff raised the fee after a payment. */
export type PaymentDueReason = "fee_fixed" | "difference";

/**
 * The email telling the resident there is an amount to pay (ADR 26): staff fixed the fee of a 事後決済
 * application, or changed a fee so that a difference is owed. It holds only what the resident needs to
 * act — receipt number, procedure, the amount due and how to pay (the status page, with the access code
 * shown at submission) — and no name, address, access secret or link that could pay for someone else.
 */
export const renderPaymentDueEmail = (
  application: Pick<Application, "receiptNumber">,
  procedure: Procedure,
  municipality: ProcedureCatalog["municipality"],
  locale: Locale,
  due: { readonly amount: number; readonly reason: PaymentDueReason },
): StatusEmail => {
  const ja = locale === "ja";
  const city = municipality.name[locale];
  const procedureName = procedure.name[locale];
  const amount = formatYen(due.amount, locale);
  const lines = ja
    ? [
        "お申し込みの方へ",
        "",
        due.reason === "fee_fixed"
          ? `${city}です。${procedureName}の手数料が確定しました。下記の金額をお支払いください。お支払いを確認した後に証明書を発送します。`
          : `${city}です。${procedureName}の手数料が変更になり、差額のお支払いが必要になりました。下記の金額をお支払いください。`,
        "",
        `受付番号：${application.receiptNumber}`,
        `手続き：${procedureName}`,
        `お支払いいただく金額：${amount}`,
        "",
        "お支払いは、申請状況の確認ページで受付番号と、申請完了時に画面に表示されたアクセスコードを入力し、クレジットカードで行ってください。",
        "アクセスコードはこのメールには記載していません。第三者に知らせないでください。",
        "",
        "このメールは送信専用です。ご不明な点は、受付番号を添えて市役所の担当窓口までお問い合わせください。",
        `${city}`,
      ]
    : [
        "Dear applicant,",
        "",
        due.reason === "fee_fixed"
          ? `This is ${city}. The fee for your ${procedureName} has been fixed. Please pay the amount below; we post the certificate once it is paid.`
          : `This is ${city}. The fee for your ${procedureName} has changed and a difference is now due. Please pay the amount below.`,
        "",
        `Receipt number: ${application.receiptNumber}`,
        `Procedure: ${procedureName}`,
        `Amount due: ${amount}`,
        "",
        "To pay by card, open the application status page and enter the receipt number and the access code shown when you submitted the application.",
        "The access code is not included in this email. Do not share it with anyone.",
        "",
        "This address does not receive replies. For questions, contact the city office with your receipt number.",
        `${city}`,
      ];
  const subject = ja
    ? `【${city}】${procedureName}の手数料のお支払いのお願い（受付番号 ${application.receiptNumber}）`
    : `[${city}] Payment due for your ${procedureName} (receipt number ${application.receiptNumber})`;
  return { subject, text: `${lines.join("\n")}\n` };
};
