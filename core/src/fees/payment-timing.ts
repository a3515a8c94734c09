import type { PaymentTiming, Procedure } from "../procedures/procedure.ts";

/** When a procedure's fee is paid; a catalogue that says nothing means with the submission. */
export const paymentTimingOf = (procedure: Procedure): PaymentTiming => procedure.paymentTiming ?? "at_submission";
