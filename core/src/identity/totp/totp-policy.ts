/**
 * TOTP as every authenticator app implements it (RFC 6238 with its defaults: HMAC-SHA-1, 6 digits,
 * 30-second steps from the Unix epoch), plus how much clock skew the server forgives. The server's
 * clock decides (the Clock port); the phone's clock only has to be within `skewSteps` steps.
 */
export interface TotpPolicy {
  readonly algorithm: "SHA1";
  readonly digits: 6;
  readonly periodSeconds: 30;
  /**
   * Steps accepted before and after the current one. 1 (±30 s) is RFC 6238 §5.2's recommendation
   * ("at most one time step"); larger windows multiply an online guesser's odds by 2·skew+1.
   */
  readonly skewSteps: 0 | 1 | 2;
}

/** RFC 6238 defaults with ±1 step of skew. */
export const TOTP_POLICY: TotpPolicy = { algorithm: "SHA1", digits: 6, periodSeconds: 30, skewSteps: 1 };

/** The RFC 6238 time step (the HOTP counter) at `now`: ⌊unix seconds / period⌋. */
export const totpTimeStep = (now: Date, policy: TotpPolicy = TOTP_POLICY): number =>
  Math.floor(now.getTime() / 1000 / policy.periodSeconds);
