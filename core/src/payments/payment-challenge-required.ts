/**
 * The resident's card issuer asks for an EMV 3-D Secure challenge before the payment can be
 * authorised. Not a failure of the resident: the browser opens `challengeUrl` (the gateway's origin),
 * and after the challenge submits the same application again, which finishes the same authorisation.
 */
export interface PaymentChallengeRequired {
  readonly _tag: "PaymentChallengeRequired";
  readonly code: "payment.challenge_required";
  readonly challengeUrl: string;
}

/** A {@link PaymentChallengeRequired}. */
export const paymentChallengeRequired = (challengeUrl: string): PaymentChallengeRequired => ({
  _tag: "PaymentChallengeRequired",
  code: "payment.challenge_required",
  challengeUrl,
});
