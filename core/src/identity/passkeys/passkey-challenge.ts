/** What a passkey challenge is for: a challenge issued for one purpose is never accepted for the other. */
export type PasskeyCeremonyPurpose = "register" | "login";

/** Five minutes: WebAuthn's recommended ceremony timeout range for user verification required. */
export const PASSKEY_CHALLENGE_TTL_MS = 5 * 60 * 1000;

/**
 * Whether a challenge issued at `issuedAt` may still be answered at `now`: within
 * {@link PASSKEY_CHALLENGE_TTL_MS}, and not from the future (a clock set back does not lengthen it).
 * Callers also bind the challenge to the attempt and use it once (see the server's bound challenges).
 */
export const passkeyChallengeLive = (issuedAt: Date, now: Date): boolean => {
  const age = now.getTime() - issuedAt.getTime();
  return age >= 0 && age <= PASSKEY_CHALLENGE_TTL_MS;
};
