import type { AccountLockoutState } from "../lockout/account-lockout.ts";
import type { EmailCodeChallenge } from "../one-time-codes/email-one-time-code.ts";
import type { StoredRecoveryCode } from "../one-time-codes/recovery-codes.ts";
import type { PasswordResetTicket } from "../password-reset/password-reset-ticket.ts";
import type { TotpEnrolment } from "../totp/totp-enrolment.ts";

/** Whose login state: a staff member's or a resident's account. */
export interface LoginStateKey {
  readonly kind: "staff" | "resident";
  readonly accountId: string;
}

/** The previous successful login, shown at the next one (so a stranger's login is noticed). */
export interface LastLogin {
  readonly at: Date;
  /** Source address as the server saw it, or `null` when unknown. */
  readonly sourceIp: string | null;
}

/**
 * The facets of an account's login state and their values. Each facet is one record per account,
 * written with a version check (compare-and-set), so that two concurrent logins cannot both use one
 * TOTP code or one recovery code.
 */
export interface LoginStateFacets {
  readonly lockout: AccountLockoutState;
  /** The secret is encrypted at rest by persistent adapters. */
  readonly totp: TotpEnrolment;
  readonly recovery_codes: readonly StoredRecoveryCode[];
  readonly password_reset: PasswordResetTicket;
  readonly email_challenge: EmailCodeChallenge;
  readonly last_login: LastLogin;
  /** The last sign-out (S2: shown at the next login beside the previous login). */
  readonly last_logout: { readonly at: Date };
  /** The account is disabled by an administrator: no login (answered like a lock), no session. */
  readonly disabled: { readonly at: Date; readonly by: string };
}

/** A facet's name. */
export type LoginStateFacet = keyof LoginStateFacets;

/** Every facet, in a fixed order. */
export const LOGIN_STATE_FACETS: readonly LoginStateFacet[] = ["lockout", "totp", "recovery_codes", "password_reset", "email_challenge", "last_login", "last_logout", "disabled"];

/** A stored facet value with its version (1 at the first write, +1 at each). */
export interface Versioned<T> {
  readonly value: T;
  readonly version: number;
}
