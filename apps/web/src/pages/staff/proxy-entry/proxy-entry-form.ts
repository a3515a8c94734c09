import { calculateFee, earliestReceivedOn, japanCalendarDate, splitIsoDate, toHalfWidthAscii, type DeliveryMethod as CoreDeliveryMethod, type Procedure as CoreProcedure } from "@madoguchi/core";
import {
  IDENTIFYING_CHANNELS,
  MAX_INTAKE_NOTE_LENGTH,
  type Catalog,
  type Fee,
  type FieldError,
  type IntakeChannel,
  type IntakeInput,
  type Procedure,
  type ProxyEntryBody,
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
export const channelAllowed = (procedure: Procedure, channel: IntakeChannel): boolean =>
  !procedure.requiresSignature || IDENTIFYING_CHANNELS.includes(channel);

/**
 * Whether the application costs nothing — the only case where 「支払いなし」 may be chosen. The fee per copy × copies
 * (at least one) plus the postage is 0 exactly when both are 0, whatever the number of copies: the chosen delivery
 * method's postage, or every offered one's while none is chosen.
 */
export const nothingToPay = (procedure: Procedure, catalog: Pick<Catalog, "deliveryMethods">, deliveryMethodId: string): boolean => {
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
 * What the page checks before sending (the rules of the intake, which it knows exactly): each as a field error in
 * the server's shape, so that both kinds are shown alike. The applicant's and the request's own rules (formats,
 * kana, dates of birth) are the server's: it answers every one at once.
 */
export const checkProxyEntry = (values: ProxyEntryValues, catalog: Catalog, today: string, m: ProxyEntryMessages): readonly FieldError[] => {
  const errors: FieldError[] = [];
  const add = (field: string, code: string, message: string) => errors.push({ field, code, message });
  const procedure = catalog.procedures.find((p) => p.id === values.procedureId);
  if (procedure === undefined) add(PROCEDURE_ID, "required", m.check.procedureRequired);
  const { channel, receivedOn, payment, note } = values.intake;
  if (channel === "") add(INTAKE_IDS.channel, "required", m.check.channelRequired);
  else if (procedure !== undefined && !channelAllowed(procedure, channel)) add(INTAKE_IDS.channel, "channel_not_allowed", m.check.channelNotAllowed);
  const earliest = earliestReceivedOn(today);
  if (receivedOn.trim() === "") add(INTAKE_IDS.receivedOn, "required", m.check.receivedOnRequired);
  else if (splitIsoDate(receivedOn) === null) add(INTAKE_IDS.receivedOn, "invalid_date", m.check.receivedOnFormat);
  else if (receivedOn > today) add(INTAKE_IDS.receivedOn, "future_date", m.check.receivedOnFuture);
  else if (receivedOn < earliest) add(INTAKE_IDS.receivedOn, "out_of_range", m.check.receivedOnTooOld(earliest));
  if (payment === "") add(INTAKE_IDS.payment, "required", m.check.paymentRequired);
  else if (payment === "not_required" && procedure !== undefined && !nothingToPay(procedure, catalog, values.application.deliveryMethodId)) {
    add(INTAKE_IDS.payment, "unknown_option", m.check.paymentFeeDue);
  }
  if (lengthOf(note) > MAX_INTAKE_NOTE_LENGTH) add(INTAKE_IDS.note, "too_long", m.check.noteTooLong(MAX_INTAKE_NOTE_LENGTH, lengthOf(note)));
  return errors;
};

/** The body of `POST /api/staff/applications`: the resident form's body (as typed), the resident's language, the intake. */
export const toProxyEntryBody = (values: ProxyEntryValues, submissionKey: string): ProxyEntryBody => ({
  ...toPrepareBody(values.procedureId, values.locale, submissionKey, values.application),
  intake: { channel: values.intake.channel, receivedOn: values.intake.receivedOn, payment: values.intake.payment, note: values.intake.note },
});
