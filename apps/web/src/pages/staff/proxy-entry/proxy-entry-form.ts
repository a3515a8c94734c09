import { calculateFee, earliestReceivedOn, japanCalendarDate, splitIsoDate, toHalfWidthAscii, type DeliveryMethod as CoreDeliveryMethod, type Procedure as CoreProcedure } from "@madoguchi/core";
import {
  IDENTIFYING_CHANNELS,
  INTAKE_CHANNELS,
  INTAKE_PAYMENTS,
  MAX_INTAKE_NOTE_LENGTH,
  type Catalog,
  type Fee,
  type FieldError,
  type IntakeChannel,
  type IntakeCorrectionBody,
  type IntakeInput,
  type IntakePayment,
  type Procedure,
  type ProxyEntryBody,
  type StaffIntakeView,
} from "../../../api-types.ts";
import type { Locale } from "../../../i18n/locale.ts";
import { emptyForm, formFieldIds, toPrepareBody, type FormValues } from "../../apply/application-form.ts";
import type { ProxyEntryMessages } from "./proxy-entry-messages.ts";

/**
 * S5 (代理入力): what staff type on `/staff/applications/new`, and the rules the page applies before sending — the
 * same rules the server enforces (a signature procedure only from mail, the counter or paper; nothing to pay only
 * when the fee is 0 yen; the received date not in the future nor more than 366 days back; a note of 500
 * characters). The applicant and request inputs are the resident form's own (`application-form.ts`).
 */

/** The inputs' ids (and `name`s): the server's field paths, so that its 422 messages land beside them. */
export const PROCEDURE_ID = "procedureId";
export const LOCALE_ID = "locale";
export const INTAKE_IDS = {
  channel: "intake.channel",
  receivedOn: "intake.receivedOn",
  payment: "intake.payment",
  note: "intake.note",
} as const;

/** Everything typed on the page, as typed. */
export interface ProxyEntryValues {
  /** `""` until a procedure is chosen. */
  readonly procedureId: string;
  /** The resident's language (their mails), not the staff member's. */
  readonly locale: Locale;
  readonly application: FormValues;
  readonly intake: IntakeInput;
}

/** A blank application (no procedure yet): every applicant field empty, one copy. */
const blankApplication = (): FormValues => ({
  applicant: { name: "", nameKana: "", postalCode: "", address: "", dateOfBirth: "", phone: "", email: "" },
  copies: "1",
  deliveryMethodId: "",
  extra: {},
});

/** Today in Japan (`YYYY-MM-DD`), the calendar the server checks the received date by. */
export const todayInJapan = (now: Date = new Date()): string => japanCalendarDate(now);

/** The earliest received date accepted: core's (366 days before `today`). */
export { earliestReceivedOn } from "@madoguchi/core";

/** A fresh page: no procedure, Japanese, received today. */
export const emptyProxyEntry = (today: string): ProxyEntryValues => ({
  procedureId: "",
  locale: "ja",
  application: blankApplication(),
  intake: { channel: "", receivedOn: today, payment: "", note: "" },
});

/**
 * After 「続けて入力する」: the next request of a pile (the same procedure, received the same way on the same day) —
 * the procedure, the channel and the received date stay; everything about the resident and the fee is new.
 */
export const nextProxyEntry = (previous: ProxyEntryValues, procedure: Procedure | undefined, today: string): ProxyEntryValues => {
  const fresh = emptyProxyEntry(today);
  return {
    ...fresh,
    procedureId: procedure === undefined ? "" : procedure.id,
    application: procedure === undefined ? fresh.application : emptyForm(procedure),
    intake: { ...fresh.intake, channel: previous.intake.channel, receivedOn: previous.intake.receivedOn },
  };
};

/** Whether a request received by `channel` may be entered for the procedure (a signature one: mail, counter, paper). */
export const channelAllowed = (procedure: Pick<Procedure, "requiresSignature">, channel: IntakeChannel): boolean =>
  !procedure.requiresSignature || IDENTIFYING_CHANNELS.includes(channel);

/**
 * Whether the application costs nothing — the only case where 「支払いなし」 may be chosen. The fee per copy × copies
 * (at least one) plus the postage is 0 exactly when both are 0, whatever the number of copies: the chosen delivery
 * method's postage, or every offered one's while none is chosen.
 */
export const nothingToPay = (procedure: Pick<Procedure, "feePerCopy" | "deliveryMethodIds">, catalog: Pick<Catalog, "deliveryMethods">, deliveryMethodId: string): boolean => {
  if (procedure.feePerCopy !== 0) return false;
  const ids = deliveryMethodId === "" ? procedure.deliveryMethodIds : [deliveryMethodId];
  return ids.every((id) => catalog.deliveryMethods.find((m) => m.id === id)?.postage === 0);
};

/** The number of copies as the server reads it (full-width digits too), or `null` when it would refuse it. */
export const parseCopies = (typed: string, maxCopies: number): number | null => {
  const digits = toHalfWidthAscii(typed).trim();
  if (!/^\d+$/.test(digits)) return null;
  const n = Number(digits);
  return n >= 1 && n <= maxCopies ? n : null;
};

/**
 * The fee the server will charge, worked out here by core's own `calculateFee` (fee per copy × copies, one postage
 * line); `null` while the copies or the delivery method are not valid yet.
 */
export const feeEstimate = (procedure: Procedure, catalog: Pick<Catalog, "deliveryMethods">, application: FormValues): Fee | null => {
  const copies = parseCopies(application.copies, procedure.maxCopies);
  const method = procedure.deliveryMethodIds.includes(application.deliveryMethodId)
    ? catalog.deliveryMethods.find((m) => m.id === application.deliveryMethodId)
    : undefined;
  if (copies === null || method === undefined) return null;
  try {
    // The catalog's answer is core's procedure as JSON: its brands (ids, yen) exist only for the compiler.
    return calculateFee({ ...procedure, enabled: true } as unknown as CoreProcedure, method as unknown as CoreDeliveryMethod, copies);
  } catch {
    return null; // a catalog amount that is not whole yen: the server will say so
  }
};

/**
 * The values after a change, with the choices the rest no longer allows taken back: a channel the (new) procedure
 * refuses, 「支払いなし」 once the fee is not 0. A new procedure gets a blank request of its own (its questions);
 * the applicant and the intake typed so far stay.
 */
export const settle = (values: ProxyEntryValues, previous: ProxyEntryValues, catalog: Catalog): ProxyEntryValues => {
  const procedure = catalog.procedures.find((p) => p.id === values.procedureId);
  if (procedure === undefined) return values;
  const application =
    values.procedureId === previous.procedureId ? values.application : { ...emptyForm(procedure), applicant: values.application.applicant };
  const { channel, payment } = values.intake;
  return {
    ...values,
    application,
    intake: {
      ...values.intake,
      channel: channel !== "" && !channelAllowed(procedure, channel) ? "" : channel,
      payment: payment === "not_required" && !nothingToPay(procedure, catalog, application.deliveryMethodId) ? "" : payment,
    },
  };
};

/** The input ids in the order of the page (the error summary lists errors so). */
export const proxyEntryFieldIds = (procedure: Procedure | undefined): readonly string[] => [
  PROCEDURE_ID,
  LOCALE_ID,
  ...(procedure === undefined ? [] : formFieldIds(procedure)),
  INTAKE_IDS.channel,
  INTAKE_IDS.receivedOn,
  INTAKE_IDS.payment,
  INTAKE_IDS.note,
];

/** Characters as the server counts them (code points: 𠮷 is one). */
const lengthOf = (text: string): number => Array.from(text).length;

/**
 * The rules an intake record is checked by, here as on the server: the procedure (a signature one refuses phone and
 * email; unknown: the server decides), whether nothing is owed (「支払いなし」 allowed; `null`: unknown, the server
 * decides), and the latest received date accepted (`today`: the day of entry).
 */
export interface IntakeRules {
  readonly procedure: Pick<Procedure, "requiresSignature"> | undefined;
  readonly free: boolean | null;
  /** `YYYY-MM-DD`, Japan's calendar: no received date after it, none more than 366 days before it. */
  readonly today: string;
}

/** The intake's own checks (the channel, the received date, the payment, the note), as field errors in the server's shape. */
export const checkIntake = (intake: IntakeInput, rules: IntakeRules, check: ProxyEntryMessages["check"]): readonly FieldError[] => {
  const errors: FieldError[] = [];
  const add = (field: string, code: string, message: string) => errors.push({ field, code, message });
  const { procedure, free, today } = rules;
  const { channel, receivedOn, payment, note } = intake;
  if (channel === "") add(INTAKE_IDS.channel, "required", check.channelRequired);
  else if (procedure !== undefined && !channelAllowed(procedure, channel)) add(INTAKE_IDS.channel, "channel_not_allowed", check.channelNotAllowed);
  const earliest = earliestReceivedOn(today);
  if (receivedOn.trim() === "") add(INTAKE_IDS.receivedOn, "required", check.receivedOnRequired);
  else if (splitIsoDate(receivedOn) === null) add(INTAKE_IDS.receivedOn, "invalid_date", check.receivedOnFormat);
  else if (receivedOn > today) add(INTAKE_IDS.receivedOn, "future_date", check.receivedOnFuture);
  else if (receivedOn < earliest) add(INTAKE_IDS.receivedOn, "out_of_range", check.receivedOnTooOld(earliest));
  if (payment === "") add(INTAKE_IDS.payment, "required", check.paymentRequired);
  else if (payment === "not_required" && free === false) add(INTAKE_IDS.payment, "unknown_option", check.paymentFeeDue);
  if (lengthOf(note) > MAX_INTAKE_NOTE_LENGTH) add(INTAKE_IDS.note, "too_long", check.noteTooLong(MAX_INTAKE_NOTE_LENGTH, lengthOf(note)));
  return errors;
};

/**
 * What the page checks before sending (the rules of the intake, which it knows exactly): each as a field error in
 * the server's shape, so that both kinds are shown alike. The applicant's and the request's own rules (formats,
 * kana, dates of birth) are the server's: it answers every one at once.
 */
export const checkProxyEntry = (values: ProxyEntryValues, catalog: Catalog, today: string, m: ProxyEntryMessages): readonly FieldError[] => {
  const procedure = catalog.procedures.find((p) => p.id === values.procedureId);
  const free = procedure === undefined ? null : nothingToPay(procedure, catalog, values.application.deliveryMethodId);
  const procedureErrors: readonly FieldError[] = procedure === undefined ? [{ field: PROCEDURE_ID, code: "required", message: m.check.procedureRequired }] : [];
  return [...procedureErrors, ...checkIntake(values.intake, { procedure, free, today }, m.check)];
};

/** The body of `POST /api/staff/applications`: the resident form's body (as typed), the resident's language, the intake. */
export const toProxyEntryBody = (values: ProxyEntryValues, submissionKey: string): ProxyEntryBody => ({
  ...toPrepareBody(values.procedureId, values.locale, submissionKey, values.application),
  intake: { channel: values.intake.channel, receivedOn: values.intake.receivedOn, payment: values.intake.payment, note: values.intake.note },
});

/*
 * Correcting the intake record on the staff detail (`PUT /api/staff/applications/:id/intake`): the entry's rules,
 * with the day the application was entered as "today".
 */

/** The intake inputs in the order of the form (the error summary lists errors so). */
export const INTAKE_FIELD_IDS: readonly string[] = [INTAKE_IDS.channel, INTAKE_IDS.receivedOn, INTAKE_IDS.payment, INTAKE_IDS.note];

const isChannel = (value: string): value is IntakeChannel => (INTAKE_CHANNELS as readonly string[]).includes(value);
const isPayment = (value: string): value is IntakePayment => (INTAKE_PAYMENTS as readonly string[]).includes(value);

/** The correction form, filled with the record as it is (a channel or payment this page does not know: to choose again). */
export const intakeInputOf = (view: StaffIntakeView): IntakeInput => ({
  channel: isChannel(view.channel) ? view.channel : "",
  receivedOn: view.receivedOn,
  payment: isPayment(view.payment) ? view.payment : "",
  note: view.note,
});

/**
 * The day the application was entered, in Japan (`YYYY-MM-DD`): the latest received date a correction accepts. From
 * the detail's `submittedAt`; a detail without it (an older server) falls back on today.
 */
export const entryDayOf = (submittedAt: string | undefined, now: Date = new Date()): string => {
  const at = submittedAt === undefined ? Number.NaN : Date.parse(submittedAt);
  return japanCalendarDate(Number.isNaN(at) ? now : new Date(at));
};

/** What the detail knows of the application the rules need: its procedure (when the catalog has it) and its fee. */
export interface IntakeCorrectionContext {
  readonly procedure: Pick<Procedure, "requiresSignature"> | undefined;
  /** The fee charged (`detail.fee.total`): 「支払いなし」 only at 0 yen, as the server decides. */
  readonly feeTotal: number;
  /** {@link entryDayOf} the application. */
  readonly entryDay: string;
}

/** The rules of a correction: the entry's, with the entry day as "today" and the application's own fee. */
export const intakeCorrectionRules = (context: IntakeCorrectionContext): IntakeRules => ({
  procedure: context.procedure,
  free: context.feeTotal === 0,
  today: context.entryDay,
});

/** The correction's checks before sending: {@link checkIntake}, a date after the entry day said so. */
export const checkIntakeCorrection = (intake: IntakeInput, context: IntakeCorrectionContext, m: ProxyEntryMessages): readonly FieldError[] =>
  checkIntake(intake, intakeCorrectionRules(context), { ...m.check, receivedOnFuture: m.correction.receivedOnAfterEntry(context.entryDay) });

/** The body of `PUT /api/staff/applications/:id/intake`: the four fields as typed, against the version shown. */
export const toIntakeCorrectionBody = (intake: IntakeInput, expectedVersion: number): IntakeCorrectionBody => ({
  intake: { channel: intake.channel, receivedOn: intake.receivedOn, payment: intake.payment, note: intake.note },
  expectedVersion,
});
