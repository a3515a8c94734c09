import type { Procedure } from "../procedures/procedure.ts";
import type { StaffId } from "../shared/ids.ts";
import { splitIsoDate } from "../shared/japanese/iso-date.ts";
import type { FieldError } from "./validation.errors.ts";

/**
 * How an application that staff entered for a resident (S5, 代理入力) reached the municipality. A resident's own
 * online submission has no intake record.
 */
export const INTAKE_CHANNELS = ["mail", "counter", "paper", "phone", "email"] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];

/**
 * Channels that carry the resident's own signed or presented request (a mailed 請求書 with a copy of an ID, a form
 * handed in at the counter, a paper form). Phone and email prove no identity, so a procedure that needs the
 * resident's signature online cannot be entered from them.
 */
export const IDENTIFYING_CHANNELS: readonly IntakeChannel[] = ["mail", "counter", "paper"];

/**
 * How the fee of an entered application is paid: outside the card books (ADR 40). 定額小為替 enclosed in a mailed
 * request, cash at the counter, or nothing owed (a free procedure, or a fee exempted as the request says).
 */
export const OFFLINE_PAYMENTS = ["postal_money_order", "cash", "not_required"] as const;
export type OfflinePayment = (typeof OFFLINE_PAYMENTS)[number];

/** Longest intake note, in characters (code points). */
export const MAX_INTAKE_NOTE_LENGTH = 500;
/** How far back a received date may lie: a request older than a year is not entered, it is answered. */
export const MAX_INTAKE_AGE_DAYS = 366;

/** The intake record of an application staff entered: kept with the application (encrypted, its note may name people). */
export interface Intake {
  readonly channel: IntakeChannel;
  /** The day the request arrived (ISO `YYYY-MM-DD`, Japan's calendar), not the day it was typed in. */
  readonly receivedOn: string;
  readonly payment: OfflinePayment;
  /** Free text for colleagues (同封物, 連絡事項): one to several lines, possibly empty. */
  readonly note: string;
  /** Who typed it in. */
  readonly enteredBy: StaffId;
  /** The last correction of this record (see `correctIntake`): who, and when (ISO instant); absent before any. */
  readonly corrected?: { readonly by: StaffId; readonly at: string };
}

/** The labels staff see for the channels and the payments (Japanese first). */
export const INTAKE_CHANNEL_LABELS: Readonly<Record<IntakeChannel, { readonly ja: string; readonly en: string }>> = {
  mail: { ja: "郵送", en: "Mail" },
  counter: { ja: "窓口", en: "Counter" },
  paper: { ja: "書面（持参・投函）", en: "Paper form" },
  phone: { ja: "電話", en: "Phone" },
  email: { ja: "メール", en: "Email" },
};
export const OFFLINE_PAYMENT_LABELS: Readonly<Record<OfflinePayment, { readonly ja: string; readonly en: string }>> = {
  postal_money_order: { ja: "定額小為替", en: "Postal money order" },
  cash: { ja: "現金（窓口）", en: "Cash at the counter" },
  not_required: { ja: "支払いなし", en: "Nothing to pay" },
};

// Tabs and line breaks are allowed in a note; other control characters are not (they hide text).
const FORBIDDEN_IN_NOTE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029]/u;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Validates the `intake` part of a staff entry. `today` is Japan's calendar date of the entry. Lists every refused
 * field (paths `intake.*`); never repeats a value typed. A fee owed must be paid somehow: `not_required` only
 * when the fee is 0 yen.
 */
export const validateIntake = (
  raw: unknown,
  context: { readonly procedure: Procedure | undefined; readonly feeTotal: number | undefined; readonly today: string; readonly enteredBy: StaffId },
): { readonly intake: Intake } | { readonly errors: readonly FieldError[] } => {
  if (!isRecord(raw)) return { errors: [{ field: "intake", code: raw === undefined || raw === null ? "required" : "invalid_type" }] };
  const errors: FieldError[] = [];
  const channel = raw["channel"];
  const receivedOn = raw["receivedOn"];
  const payment = raw["payment"];
  const rawNote = raw["note"] ?? "";
  // Measured after trimming: blank lines around a pasted note are not the note.
  const note = typeof rawNote === "string" ? rawNote.trim() : rawNote;

  if (channel === undefined || channel === null || channel === "") errors.push({ field: "intake.channel", code: "required" });
  else if (!(INTAKE_CHANNELS as readonly unknown[]).includes(channel)) errors.push({ field: "intake.channel", code: "unknown_option" });
  else if (context.procedure?.requiresSignature === true && !IDENTIFYING_CHANNELS.includes(channel as IntakeChannel)) {
    errors.push({ field: "intake.channel", code: "channel_not_allowed" });
  }

  if (receivedOn === undefined || receivedOn === null || receivedOn === "") errors.push({ field: "intake.receivedOn", code: "required" });
  else if (typeof receivedOn !== "string" || splitIsoDate(receivedOn) === null) errors.push({ field: "intake.receivedOn", code: "invalid_date" });
  else if (receivedOn > context.today) errors.push({ field: "intake.receivedOn", code: "future_date" });
  else if (receivedOn < earliestReceivedOn(context.today)) {
    errors.push({ field: "intake.receivedOn", code: "out_of_range", params: { min: earliestReceivedOn(context.today), max: context.today } });
  }

  if (payment === undefined || payment === null || payment === "") errors.push({ field: "intake.payment", code: "required" });
  else if (!(OFFLINE_PAYMENTS as readonly unknown[]).includes(payment)) errors.push({ field: "intake.payment", code: "unknown_option" });
  else if (payment === "not_required" && context.feeTotal !== undefined && context.feeTotal > 0) {
    errors.push({ field: "intake.payment", code: "unknown_option", params: { reason: "fee_due" } });
  }

  if (typeof note !== "string") errors.push({ field: "intake.note", code: "invalid_type" });
  else if ([...note].length > MAX_INTAKE_NOTE_LENGTH) errors.push({ field: "intake.note", code: "too_long", params: { max: MAX_INTAKE_NOTE_LENGTH } });
  else if (FORBIDDEN_IN_NOTE.test(note)) errors.push({ field: "intake.note", code: "invalid_type", params: { reason: "hidden_character" } });

  if (errors.length > 0) return { errors };
  return {
    intake: {
      channel: channel as IntakeChannel,
      receivedOn: receivedOn as string,
      payment: payment as OfflinePayment,
      note: note as string,
      enteredBy: context.enteredBy,
    },
  };
};

/** The earliest received date accepted on `today` (ISO): {@link MAX_INTAKE_AGE_DAYS} days before it. */
export const earliestReceivedOn = (today: string): string =>
  new Date(Date.parse(`${today}T00:00:00Z`) - MAX_INTAKE_AGE_DAYS * 86_400_000).toISOString().slice(0, 10);
