/**
 * A challenge issued for one ceremony, kept server-side with the login attempt or the session (never
 * in the page alone): it is accepted once, for its purpose, within {@link PASSKEY_CHALLENGE_TTL_MS}.
 */
export interface PasskeyChallenge {
  readonly value: string;
  readonly purpose: "register" | "login";
  readonly issuedAt: Date;
}

/** Five minutes: WebAuthn's recommended ceremony timeout range for user verification required. */
export const PASSKEY_CHALLENGE_TTL_MS = 5 * 60 * 1000;

/**
 * The challenge to verify an answer against, or `null` when there is none for this purpose or it
 * expired. The caller deletes the challenge before verifying (single use, whatever the outcome).
 */
export const liveChallenge = (challenge: PasskeyChallenge | null, purpose: PasskeyChallenge["purpose"], now: Date): string | null => {
  if (challenge === null || challenge.purpose !== purpose) return null;
  const age = now.getTime() - challenge.issuedAt.getTime();
  return age >= 0 && age <= PASSKEY_CHALLENGE_TTL_MS ? challenge.value : null;
};
