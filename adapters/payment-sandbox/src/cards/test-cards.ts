/**
 * The sandbox's test cards: which card number produces which authorisation outcome. Documented in the
 * package README; any other valid card number of an accepted brand is approved.
 */

/** A decline the gateway reports with HTTP 402 and this error code. */
export type DeclineCode = "card_declined" | "insufficient_funds" | "expired_card";

/** What authorising a card does. */
export type CardOutcome =
  | { readonly kind: "approve"; readonly threeDSecure: "not_required" | "required" }
  | { readonly kind: "decline"; readonly code: DeclineCode }
  /** HTTP 500, nothing committed: a retry with the same key runs again. */
  | { readonly kind: "processing_error" }
  /** Commits the authorisation, then answers only after the configured delay (reconciliation tests). */
  | { readonly kind: "timeout_after_commit" };

/** The named test card numbers (digits only). */
export const TEST_CARDS = {
  visaSuccess: "4242424242424242",
  mastercardSuccess: "5555555555554444",
  jcbSuccess: "3530111333300000",
  declined: "4000000000000002",
  insufficientFunds: "4000000000009995",
  expiredCard: "4000000000000069",
  processingError: "4000000000000119",
  threeDSecureRequired: "4000000000003220",
  timeoutAfterCommit: "4000000000000341",
} as const;

const APPROVE: CardOutcome = { kind: "approve", threeDSecure: "not_required" };

const OUTCOMES: ReadonlyMap<string, CardOutcome> = new Map<string, CardOutcome>([
  [TEST_CARDS.declined, { kind: "decline", code: "card_declined" }],
  [TEST_CARDS.insufficientFunds, { kind: "decline", code: "insufficient_funds" }],
  [TEST_CARDS.expiredCard, { kind: "decline", code: "expired_card" }],
  [TEST_CARDS.processingError, { kind: "processing_error" }],
  // EMV 3-D Secure: the authorisation waits for the resident's answer on the challenge page.
  [TEST_CARDS.threeDSecureRequired, { kind: "approve", threeDSecure: "required" }],
  [TEST_CARDS.timeoutAfterCommit, { kind: "timeout_after_commit" }],
]);

/** The outcome of authorising the card with these digits. */
export const outcomeOf = (digits: string): CardOutcome => OUTCOMES.get(digits) ?? APPROVE;
