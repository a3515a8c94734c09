/**
 * Stripe's documented test card numbers ("Testing" in Stripe's docs) that the contract server knows.
 * Test data only: these numbers exist to be typed into test forms.
 */
export interface TestCardBehaviour {
  readonly brand: "visa" | "mastercard" | "jcb" | "amex" | "diners";
  /** What a charge does: succeed, decline (card_declined with this decline_code) or ask for 3-D Secure. */
  readonly outcome: "succeed" | "threeDSecure" | { readonly code: string; readonly declineCode?: string };
}

export const STRIPE_TEST_CARDS: Readonly<Record<string, TestCardBehaviour>> = {
  "4242424242424242": { brand: "visa", outcome: "succeed" },
  "5555555555554444": { brand: "mastercard", outcome: "succeed" },
  "3566002020360505": { brand: "jcb", outcome: "succeed" },
  // "Attaching this card to a Customer object succeeds, but attempts to charge the customer fail."
  "4000000000000341": { brand: "visa", outcome: { code: "card_declined", declineCode: "generic_decline" } },
  "4000000000009995": { brand: "visa", outcome: { code: "card_declined", declineCode: "insufficient_funds" } },
  "4000000000000069": { brand: "visa", outcome: { code: "expired_card" } },
  // 3-D Secure 2: "authentication is required for all transactions".
  "4000002760003184": { brand: "visa", outcome: "threeDSecure" },
};

/** The numbers the conformance tokens use. */
export const CARD = { success: "4242424242424242", declinedOnCharge: "4000000000000341", challenge: "4000002760003184" } as const;
