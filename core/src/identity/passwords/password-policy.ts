/**
 * Length rules for new passwords (NIST SP 800-63B-4 §3.1.1.2, OWASP ASVS 5.0 V6.2): a minimum that
 * depends on who the account belongs to, a maximum of at least 64 so that pass-phrases fit, and no
 * composition rules (no "one digit, one symbol"), no rotation, no hints.
 */
export interface PasswordPolicy {
  /** Who the rule is for; shown in messages and recorded in audit entries. */
  readonly audience: "resident" | "staff";
  /** Fewest Unicode code points accepted (after NFKC). */
  readonly minCodePoints: number;
  /**
   * Most code points accepted (after NFKC). At least 64 (800-63B-4 "SHOULD permit at least 64");
   * the bound exists only so that a multi-megabyte "password" cannot tie up the hasher.
   */
  readonly maxCodePoints: number;
}

/** Longest password accepted by the reference policies: twice the 64 that NIST asks for. */
export const MAX_PASSWORD_CODE_POINTS = 128;

/**
 * Residents: at least 8 code points. 800-63B-4 §3.1.1.2 allows 8 for a password that is one factor of
 * a multi-factor login and asks 15 when it is the only factor; residents' logins are low assurance and
 * the seed asks for 8, with a second factor offered.
 */
export const RESIDENT_PASSWORD_POLICY: PasswordPolicy = {
  audience: "resident",
  minCodePoints: 8,
  maxCodePoints: MAX_PASSWORD_CODE_POINTS,
};

/** Staff: at least 15 code points (800-63B-4 §3.1.1.2's single-factor minimum), although staff must also use TOTP or a passkey. */
export const STAFF_PASSWORD_POLICY: PasswordPolicy = {
  audience: "staff",
  minCodePoints: 15,
  maxCodePoints: MAX_PASSWORD_CODE_POINTS,
};
