import type { StaffIntakeView } from "../../../api-types.ts";
import { DefinitionList } from "../../../components/definition-list.tsx";
import { formatIsoDate } from "../../../format.ts";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import { proxyEntryMessages } from "./proxy-entry-messages.ts";

/**
 * S5: on the staff detail of an application staff entered (代理入力), how the request came — the channel, the day it
 * arrived, how the fee is paid, the note (its lines kept; as text, never as markup) and who typed it in.
 */
export function IntakeRecord({ intake }: { readonly intake: StaffIntakeView }) {
  const { locale, pick } = useI18n();
  const m = proxyEntryMessages[locale].record;
  return (
    <section aria-labelledby="intake-heading" data-testid="intake-record">
      <h2 id="intake-heading">{m.heading}</h2>
      <p data-testid="intake-proxy">{m.proxy}</p>
      <DefinitionList
        rows={[
          { label: m.channel, value: pick(intake.channelLabel), testId: "intake-channel" },
          { label: m.receivedOn, value: <time dateTime={intake.receivedOn}>{formatIsoDate(intake.receivedOn, locale)}</time>, testId: "intake-received-on" },
          { label: m.payment, value: pick(intake.paymentLabel), testId: "intake-payment" },
          {
            label: m.note,
            value: intake.note.trim() === "" ? m.noNote : <span className="prewrap">{intake.note}</span>,
            testId: "intake-note",
          },
          { label: m.enteredBy, value: intake.enteredBy, testId: "intake-entered-by" },
        ]}
      />
    </section>
  );
}
