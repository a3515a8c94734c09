import type { ResultAsync } from "neverthrow";
import type { Clock } from "../shared/clock.port.ts";
import type { Hasher } from "../shared/hasher.port.ts";
import type { IdGenerator } from "../shared/id-generator.port.ts";
import type { StorageError } from "../shared/storage.errors.ts";
import type { AuditEntryDraft } from "../audit/audit-entry.ts";
import type { AccountLockoutState } from "../identity/lockout/account-lockout.ts";
import type { LoginStateDeps } from "../identity/login/login.deps.ts";
import type { EmailCodeChallenge } from "../identity/one-time-codes/email-one-time-code.ts";
import type { StoredRecoveryCode } from "../identity/one-time-codes/recovery-codes.ts";
import type { PasswordBlocklist } from "../identity/passwords/password-blocklist.ts";
import type { PasswordHasher } from "../identity/passwords/password-hasher.port.ts";
import type { PasswordPolicy } from "../identity/passwords/password-policy.ts";
import type { PasswordResetTicket } from "../identity/password-reset/password-reset-ticket.ts";
import type { SecureRandom } from "../identity/secure-random.port.ts";
import type { TotpAuthenticator } from "../identity/totp/totp-authenticator.port.ts";
import type { TotpEnrolment } from "../identity/totp/totp-enrolment.ts";
import type { ResidentAccountStore } from "./resident-account-store.port.ts";
import type { ResidentMail } from "./resident-mails.ts";

/**
 * A resident's login state, keyed by account id (the login-state port's `("resident", id)` keys).
 * Kept apart from the account row because it changes on every login attempt, and because staff
 * accounts have the same state behind the same port.
 */
export interface ResidentLoginState extends LoginStateDeps {
  loadLockout(accountId: string): ResultAsync<AccountLockoutState, StorageError>;
  /** Starts the lockout over (an unlock), appending `audit` with that write (login-state-store@2). */
  resetLockout(accountId: string, audit: readonly AuditEntryDraft[]): ResultAsync<void, StorageError>;
  loadTotpEnrolment(accountId: string): ResultAsync<TotpEnrolment | null, StorageError>;
  /** Replaces (or with `null` removes) the enrolment unconditionally: enrolment and removal, not the login step. */
  saveTotpEnrolment(accountId: string, enrolment: TotpEnrolment | null): ResultAsync<void, StorageError>;
  /** Compare-and-set of `lastUsedStep` (see `authenticateTotpStep`). */
  saveTotpStep(accountId: string, previousStep: number | null, enrolment: TotpEnrolment): ResultAsync<boolean, StorageError>;
  loadRecoveryCodes(accountId: string): ResultAsync<readonly StoredRecoveryCode[], StorageError>;
  saveRecoveryCodes(accountId: string, codes: readonly StoredRecoveryCode[]): ResultAsync<void, StorageError>;
  /** Stores `updated` only if the stored list is still `previous` (compare-and-set); `false` when a concurrent login used a code first. */
  useRecoveryCode(accountId: string, previous: readonly StoredRecoveryCode[], updated: readonly StoredRecoveryCode[]): ResultAsync<boolean, StorageError>;
  loadEmailCodeChallenge(accountId: string): ResultAsync<EmailCodeChallenge | null, StorageError>;
  /** Stores a fresh challenge in place of the account's earlier one. */
  replaceEmailCodeChallenge(accountId: string, challenge: EmailCodeChallenge): ResultAsync<void, StorageError>;
  /** Stores an updated challenge only if the stored one is still unconsumed; `false` otherwise. */
  saveEmailCodeChallenge(accountId: string, challenge: EmailCodeChallenge): ResultAsync<boolean, StorageError>;
  loadResetTicket(accountId: string): ResultAsync<PasswordResetTicket | null, StorageError>;
  /** Stores a new ticket in place of the account's earlier one. */
  saveResetTicket(ticket: PasswordResetTicket): ResultAsync<void, StorageError>;
  /** Marks the ticket used only if it is still unused; `false` when another request used it first. */
  useResetTicket(ticket: PasswordResetTicket): ResultAsync<boolean, StorageError>;
}

/** How a new resident password is checked. */
export interface ResidentPasswordRules {
  readonly policy: PasswordPolicy;
  readonly blocklist: PasswordBlocklist;
  /** The municipality's names (refused as passwords). */
  readonly cityNames: readonly string[];
  /** The service's names (refused as passwords). */
  readonly serviceNames: readonly string[];
}

/** The links put into resident mails (the server knows its public origin; core does not). */
export interface ResidentLinks {
  verifyEmail(accountId: string, token: string): string;
  confirmEmailChange(accountId: string, token: string): string;
  resetPassword(accountId: string, token: string): string;
  unlock(accountId: string, token: string): string;
  login(): string;
}

/** Dependencies of the resident account use cases. */
export interface ResidentAccountDeps {
  readonly clock: Clock;
  readonly random: SecureRandom;
  readonly hasher: Hasher;
  readonly ids: IdGenerator;
  readonly accounts: ResidentAccountStore;
  readonly passwordHasher: PasswordHasher;
  readonly totp: TotpAuthenticator;
  readonly loginState: ResidentLoginState;
  readonly passwordRules: ResidentPasswordRules;
  /** A hash of a random password made at start-up, verified when no account matches (same cost on every path). */
  readonly decoyHash: string;
  /** The service's name as it appears in mail subjects and authenticator apps. */
  readonly serviceName: string;
  readonly links: ResidentLinks;
  /**
   * Hands a mail to delivery without waiting for it (the HTTP answer must not depend on the mail
   * server, and must take as long whether the address was known or not). Never logs the address.
   */
  queueMail(to: string, mail: ResidentMail): ResultAsync<void, StorageError>;
}
