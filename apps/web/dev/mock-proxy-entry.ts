/**
 * S5 (代理入力) in the dev mock: the `intake` part of `POST /api/staff/applications`, with the server's rules in
 * short (a signature procedure only from mail, the counter or paper; nothing to pay only at 0 yen; the received
 * date today at most and 366 days back at least; a note of 500 characters). For looking at the page only.
 */

type L = { ja: string; en: string };

const CHANNELS: Record<string, L> = {
  mail: { ja: "郵送", en: "Mail" },
  counter: { ja: "窓口", en: "Counter" },
  paper: { ja: "書面（持参・投函）", en: "Paper form" },
  phone: { ja: "電話", en: "Phone" },
  email: { ja: "メール", en: "Email" },
};
const PAYMENTS: Record<string, L> = {
  postal_money_order: { ja: "定額小為替", en: "Postal money order" },
  cash: { ja: "現金（窓口）", en: "Cash at the counter" },
  not_required: { ja: "支払いなし", en: "Nothing to pay" },
};

/** An entered application's intake record, as the mock keeps it. */
export interface MockIntake {
  readonly channel: string;
  readonly receivedOn: string;
  readonly payment: string;
  readonly note: string;
  readonly enteredBy: string;
}

/** The record as `GET /api/staff/applications/:id` shows it. */
export const intakeView = (intake: MockIntake) => ({
  ...intake,
  channelLabel: CHANNELS[intake.channel] ?? { ja: intake.channel, en: intake.channel },
  paymentLabel: PAYMENTS[intake.payment] ?? { ja: intake.payment, en: intake.payment },
});

const todayInJapan = (): string => new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
const daysBefore = (iso: string, days: number): string => new Date(Date.parse(`${iso}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/** The intake's field errors (localised), or the record. `feeTotal` is null when the application part was refused. */
export function checkIntake(
  raw: unknown,
  context: { readonly requiresSignature: boolean | null; readonly feeTotal: number | null; readonly locale: "ja" | "en"; readonly enteredBy: string },
): { readonly intake: MockIntake } | { readonly errors: { field: string; code: string; message: string }[] } {
  const value = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  const msg = (ja: string, en: string) => (context.locale === "ja" ? ja : en);
  const errors: { field: string; code: string; message: string }[] = [];
  const channel = String(value["channel"] ?? "");
  const receivedOn = String(value["receivedOn"] ?? "");
  const payment = String(value["payment"] ?? "");
  const note = typeof value["note"] === "string" ? value["note"] : "";
  const today = todayInJapan();
  if (CHANNELS[channel] === undefined) errors.push({ field: "intake.channel", code: "required", message: msg("受付方法を選んでください", "Choose how it was received") });
  else if (context.requiresSignature === true && !["mail", "counter", "paper"].includes(channel)) {
    errors.push({ field: "intake.channel", code: "channel_not_allowed", message: msg("本人確認が必要な手続きは、電話やメールでは受け付けられません", "Not by phone or email for this procedure") });
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(receivedOn)) errors.push({ field: "intake.receivedOn", code: "invalid_date", message: msg("受付日の形式が正しくありません", "Invalid received date") });
  else if (receivedOn > today) errors.push({ field: "intake.receivedOn", code: "future_date", message: msg("受付日に未来の日付は入力できません", "The received date is in the future") });
  else if (receivedOn < daysBefore(today, 366)) errors.push({ field: "intake.receivedOn", code: "out_of_range", message: msg("受付日が古すぎます", "The received date is too old") });
  if (PAYMENTS[payment] === undefined) errors.push({ field: "intake.payment", code: "required", message: msg("手数料の支払いを選んでください", "Choose how the fee is paid") });
  else if (payment === "not_required" && context.feeTotal !== null && context.feeTotal > 0) {
    errors.push({ field: "intake.payment", code: "unknown_option", message: msg("手数料がかかる申請です。定額小為替または現金を選んでください", "This application has a fee") });
  }
  if ([...note].length > 500) errors.push({ field: "intake.note", code: "too_long", message: msg("受付メモは500文字以内で入力してください", "At most 500 characters") });
  return errors.length > 0 ? { errors } : { intake: { channel, receivedOn, payment, note: note.trim(), enteredBy: context.enteredBy } };
}
