import { requestJson } from "../../api.ts";
import type { Fee } from "../../api-types.ts";
import type { Locale } from "../../i18n/locale.ts";

/** `POST /api/applications/difference` → 200: what the resident still has to pay, and the fee it comes from. */
export interface AmountDue {
  /** What is still to pay (0: nothing, or not fixed yet). */
  readonly pendingDifference: number;
  /** The fee in force (after staff changes). */
  readonly fee: Fee;
  /** false while a 事後決済 fee waits for staff. */
  readonly feeFixed: boolean;
  readonly paymentTiming: "at_submission" | "after_assessment";
  /** Paid or held so far. */
  readonly paid: number;
}

/** `POST /api/applications/pay-difference` → 200. */
export interface PaidDue {
  readonly pendingDifference: number;
  readonly authorized: number;
  readonly brand: string;
  readonly last4: string;
}

/** How the resident pays: a single-use card token from the card fields, or their saved card (logged in). */
export type DuePayment = { readonly token: string } | { readonly savedCardId: string };

/** The status page's money calls, with the status page's credentials (receipt number + access code). */
export const payDueApi = (locale: Locale) => ({
  amountDue: (credentials: { receiptNumber: string; accessSecret: string }, signal?: AbortSignal) =>
    requestJson<AmountDue>("POST", "/api/applications/difference", { locale, body: credentials, ...(signal === undefined ? {} : { signal }) }),
  // Authorising the card can take the gateway a while (as the submission).
  pay: (credentials: { receiptNumber: string; accessSecret: string }, payment: DuePayment) =>
    requestJson<PaidDue>("POST", "/api/applications/pay-difference", { locale, body: { ...credentials, payment }, timeoutMs: 90_000 }),
});
