import { INTAKE_CHANNELS, INTAKE_PAYMENTS, MAX_INTAKE_NOTE_LENGTH, type Catalog, type IntakeInput, type Procedure } from "../../../api-types.ts";
import { RadioGroup } from "../../../components/radio-group.tsx";
import { TextField } from "../../../components/text-field.tsx";
import { TextAreaField } from "../procedures/procedure-inputs.tsx";
import { channelAllowed, earliestReceivedOn, INTAKE_IDS, nothingToPay } from "./proxy-entry-form.ts";
import type { ProxyEntryMessages } from "./proxy-entry-messages.ts";

/**
 * S5: the intake record (受付の記録) of an entry — how the request came (a signature procedure: never by phone or
 * email, those radios disabled with the reason), the day it came (today at most, 366 days back at least), how the
 * fee is paid (「支払いなし」 only when there is nothing to pay) and a note for colleagues.
 */
export function IntakeFields({
  procedure,
  catalog,
  deliveryMethodId,
  intake,
  onChange,
  errorsOf,
  today,
  m,
  free: knownFree,
  receivedOnHelp,
}: {
  /** The procedure's rules (the staff detail may not find it in the catalog: then no channel is disabled, the server decides). */
  readonly procedure: Pick<Procedure, "requiresSignature" | "feePerCopy" | "deliveryMethodIds">;
  readonly catalog: Pick<Catalog, "deliveryMethods">;
  /** The delivery method chosen so far (the postage decides whether anything is owed). */
  readonly deliveryMethodId: string;
  readonly intake: IntakeInput;
  readonly onChange: (intake: IntakeInput) => void;
  readonly errorsOf: (id: string) => readonly string[];
  /** Today in Japan, `YYYY-MM-DD` (a correction: the day the application was entered) — the latest received date. */
  readonly today: string;
  readonly m: ProxyEntryMessages;
  /** Whether nothing is owed, when it is known (a stored application's fee); worked out from the procedure otherwise. */
  readonly free?: boolean;
  /** The received date's help, when "today" is not today (a correction). */
  readonly receivedOnHelp?: string;
}) {
  const free = knownFree ?? nothingToPay(procedure, catalog, deliveryMethodId);
  const earliest = earliestReceivedOn(today);
  return (
    <fieldset className="form-section">
      <legend className="form-section__legend">{m.intakeLegend}</legend>
      <RadioGroup
        name={INTAKE_IDS.channel}
        legend={m.channel}
        value={intake.channel}
        onChange={(channel) => onChange({ ...intake, channel: channel as IntakeInput["channel"] })}
        options={INTAKE_CHANNELS.map((c) => ({ value: c, label: m.channels[c], disabled: !channelAllowed(procedure, c) }))}
        required
        help={procedure.requiresSignature ? m.channelSignature : null}
        errors={errorsOf(INTAKE_IDS.channel)}
      />
      <TextField
        id={INTAKE_IDS.receivedOn}
        label={m.receivedOn}
        type="date"
        value={intake.receivedOn}
        onChange={(receivedOn) => onChange({ ...intake, receivedOn })}
        required
        help={receivedOnHelp ?? m.receivedOnHelp(earliest)}
        errors={errorsOf(INTAKE_IDS.receivedOn)}
        min={earliest}
        max={today}
        autoComplete="off"
        size="medium"
      />
      <RadioGroup
        name={INTAKE_IDS.payment}
        legend={m.payment}
        value={intake.payment}
        onChange={(payment) => onChange({ ...intake, payment: payment as IntakeInput["payment"] })}
        options={INTAKE_PAYMENTS.map((p) => ({ value: p, label: m.payments[p], disabled: p === "not_required" && !free }))}
        required
        help={free ? null : m.paymentFeeDue}
        errors={errorsOf(INTAKE_IDS.payment)}
      />
      <TextAreaField
        id={INTAKE_IDS.note}
        label={m.note}
        value={intake.note}
        onChange={(note) => onChange({ ...intake, note })}
        required={false}
        help={m.noteHelp(MAX_INTAKE_NOTE_LENGTH)}
        errors={errorsOf(INTAKE_IDS.note)}
        maxLength={MAX_INTAKE_NOTE_LENGTH}
        rows={4}
      />
    </fieldset>
  );
}
