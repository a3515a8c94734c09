import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import type { StorageError } from "../../shared/storage.errors.ts";
import { lockoutVerdict, recordFailedAttempt, recordSuccessfulLogin, type AccountLockoutState } from "../lockout/account-lockout.ts";
import { needsRehash } from "../passwords/password-hash-format.ts";
import type { PasswordHasher, PasswordHashingError } from "../passwords/password-hasher.port.ts";
import type { LoginStateDeps } from "./login.deps.ts";
import { INVALID_CREDENTIALS, type InvalidCredentials, type LoginAttemptOutcome, type LoginThrottled } from "./login.errors.ts";
import { checkLoginThrottles, countLoginFailure, loginSourceKey } from "./login-throttles.ts";

/** An account as the password step sees it. */
export interface PasswordLoginAccount {
  readonly accountId: string;
  readonly passwordHash: string;
  readonly lockout: AccountLockoutState;
  /** Whether a second factor (TOTP) must follow; staff always, residents once enrolled. */
  readonly requiresSecondFactor: boolean;
}

/** Dependencies of {@link authenticatePassword}. */
export interface AuthenticatePasswordDeps extends LoginStateDeps {
  readonly passwordHasher: PasswordHasher;
  /**
   * A hash of a random password made at start-up with the current policy. It is verified when the
   * account is unknown, delayed or locked, so that every answer costs one hash and takes as long.
   */
  readonly decoyHash: string;
  findAccount(loginId: string): ResultAsync<PasswordLoginAccount | null, StorageError>;
}

/** The password step passed. */
export interface PasswordAccepted {
  readonly accountId: string;
  /** `true`: go on to the second factor; the lockout count stands until it succeeds too. */
  readonly secondFactorRequired: boolean;
  /** A fresh hash under the current cost when the stored one is cheaper or of another algorithm: store it. */
  readonly newPasswordHash: string | null;
}

/** Errors of {@link authenticatePassword}. */
export type AuthenticatePasswordError = InvalidCredentials | LoginThrottled | StorageError | PasswordHashingError;

/**
 * The password step of a login. Unknown account, wrong password, and an account that is delayed or
 * locked all fail with the same {@link INVALID_CREDENTIALS} after the same work (one hash
 * verification), so neither the result nor its timing tells them apart; a locked account is not even
 * told its password was right. Failures count against the account's lockout and against the source
 * address's and the global throttles; throttles are checked first.
 *
 * A right password resets the lockout count only when no second factor follows — otherwise someone
 * who knows the password could reset the count between guesses at the TOTP code.
 */
export const authenticatePassword =
  (deps: AuthenticatePasswordDeps) =>
  (input: { readonly loginId: string; readonly password: string; readonly sourceAddress: string }): ResultAsync<PasswordAccepted, AuthenticatePasswordError> => {
    const now = deps.clock.now();
    const source = loginSourceKey(input.sourceAddress);
    const record = (accountId: string | null, outcome: LoginAttemptOutcome) =>
      deps.recordAttempt({ at: now, step: "password", accountId, source, outcome });
    const fail = (accountId: string | null, outcome: LoginAttemptOutcome): ResultAsync<never, AuthenticatePasswordError> =>
      countLoginFailure(deps, source, now)
        .andThen(() => record(accountId, outcome))
        .andThen(() => errAsync(INVALID_CREDENTIALS));

    return checkLoginThrottles(deps, source, now, "password", null)
      .andThen(() => deps.findAccount(input.loginId))
      .andThen((account): ResultAsync<PasswordAccepted, AuthenticatePasswordError> => {
        if (account === null) return deps.passwordHasher.verify(deps.decoyHash, input.password).andThen(() => fail(null, "unknown_account"));
        const verdict = lockoutVerdict(account.lockout, now, deps.lockoutPolicy);
        if (verdict.kind !== "open") {
          return deps.passwordHasher.verify(deps.decoyHash, input.password).andThen(() => fail(account.accountId, verdict.kind));
        }
        return deps.passwordHasher.verify(account.passwordHash, input.password).andThen((matches) => {
          if (!matches) {
            // The count and its record in one write; then the throttles.
            return deps
              .saveLockout(account.accountId, recordFailedAttempt(account.lockout, now, deps.lockoutPolicy), { at: now, step: "password", accountId: account.accountId, source, outcome: "wrong_password" })
              .andThen(() => countLoginFailure(deps, source, now))
              .andThen(() => errAsync(INVALID_CREDENTIALS));
          }
          const rehash: ResultAsync<string | null, PasswordHashingError> = needsRehash(account.passwordHash, deps.passwordHasher.policy)
            ? deps.passwordHasher.hash(input.password)
            : okAsync(null);
          // Without a second factor the login is done: the reset count and the success in one write.
          // With one, nothing changes yet, and the passed password is recorded directly.
          const settle = account.requiresSecondFactor
            ? record(account.accountId, "second_factor_required")
            : deps.saveLockout(account.accountId, recordSuccessfulLogin(), { at: now, step: "password", accountId: account.accountId, source, outcome: "success" });
          return settle
            .andThen(() => rehash)
            .map((newPasswordHash) => ({ accountId: account.accountId, secondFactorRequired: account.requiresSecondFactor, newPasswordHash }));
        });
      });
  };
