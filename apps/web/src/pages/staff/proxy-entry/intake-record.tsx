import type { ReactNode } from "react";
import type { StaffIntakeView } from "../../../api-types.ts";
import { DefinitionList } from "../../../components/definition-list.tsx";
import { formatDateTime, formatIsoDate } from "../../../format.ts";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import { proxyEntryMessages } from "./proxy-entry-messages.ts";

/**
 * S5: on the staff detail of an application staff entered (代理入力), how the request came — the channel, the day it
 * arrived, how the fee is paid, the note (its lines kept; as text, never as markup), who typed it in and, once it
 * was corrected, when and by whom last (staff ids: the detail knows no names). `children`: what the page adds to
 * the section (the correction's button and form).
 */
export function IntakeRecord({ intake, children }: { readonly intake: StaffIntakeView; readonly children?: ReactNode }) {
  const { locale, pick } = useI18n();
  const m = proxyEntryMessages[locale].record;
  const corrected = intake.corrected;
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
          ...(corrected === undefined
            ? []
            : [
                {
                  label: m.corrected,
                  value: (
                    <>
                      <time dateTime={corrected.at}>{formatDateTime(corrected.at, locale)}</time>
                      {m.correctedBy(corrected.by)}
                    </>
                  ),
                  testId: "intake-corrected",
                },
              ]),
        ]}
      />
      {children}
    </section>
  );
}
