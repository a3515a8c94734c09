import type { Brand } from "../shared/ids.ts";
import type { Locale } from "../shared/localized.ts";

/** A resident account's id (random, never shown as a login name). */
export type ResidentAccountId = Brand<string, "ResidentAccountId">;
/** Marks a string as a {@link ResidentAccountId}. */
export const ResidentAccountId = (s: string): ResidentAccountId => s as ResidentAccountId;

/**
 * The second step a resident chose for their login. `email_code` is lower assurance (NIST SP
 * 800-63B-4 does not count email at AAL2) and is offered to residents only; `totp` needs a confirmed
 * enrolment in the login state.
 */
export type ResidentSecondFactor = "none" | "totp" | "email_code";
/** Every {@link ResidentSecondFactor}, for schemas. */
export const RESIDENT_SECOND_FACTORS: readonly ResidentSecondFactor[] = ["none", "totp", "email_code"];

/** A single-use emailed token as stored: its SHA-256 only, with its expiry (the token itself is only in the mail). */
export interface PendingEmailToken {
  readonly tokenHash: string;
  readonly expiresAt: Date;
}

/** An email address change waiting for the new address to prove it receives mail. */
export interface PendingEmailChange extends PendingEmailToken {
  /** The new address (personal data: encrypted at rest like {@link ResidentAccount.email}). */
  readonly email: string;
}

/**
 * The resident account aggregate (R3). Only core's use cases create or change it; stores persist it.
 * `email` is personal data: persistent stores encrypt it at rest and find accounts by a keyed blind
 * index of the normalised address, never by the plain text. Lockout, TOTP enrolment, recovery codes
 * and reset tickets are login state and live in the login-state port, keyed `("resident", id)`.
 */
export interface ResidentAccount {
  readonly id: ResidentAccountId;
  /** Normalised with {@link normalizeResidentEmail}; unique among accounts. */
  readonly email: string;
  /** PHC string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`): the hash carries its own parameters. */
  readonly passwordHash: string;
  /** When the address was proved by the emailed link; `null` until then (no login before). */
  readonly emailVerifiedAt: Date | null;
  /** The link sent at registration (or resent), until it is used. */
  readonly emailVerification: PendingEmailToken | null;
  /** A change of address waiting for its confirmation link. */
  readonly pendingEmailChange: PendingEmailChange | null;
  /** The unlock link the owner asked for while the account was locked, until it is used. */
  readonly pendingUnlock: PendingEmailToken | null;
  readonly secondFactor: ResidentSecondFactor;
  /** Language of the mails we send. */
  readonly locale: Locale;
  readonly createdAt: Date;
  /** Optimistic-concurrency version: 1 at insert, +1 on every update. */
  readonly version: number;
}

/**
 * The form in which addresses are compared and stored: NFKC (full-width ＠ and letters typed with a
 * Japanese IME), trimmed, lower case. Lower-casing the local part is not RFC 5321, but no mail
 * provider residents use treats case there as different people, and two accounts differing in case
 * only would be a support problem.
 */
export const normalizeResidentEmail = (raw: string): string => raw.normalize("NFKC").trim().toLowerCase();

/** A syntactic check good enough to refuse typos (one `@`, a dot in the domain, no spaces); the link proves the rest. */
export const isPlausibleEmail = (email: string): boolean => email.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/u.test(email);
