import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import type { StorageError } from "../shared/storage.errors.ts";
import { lockoutVerdict, recordFailedAttempt } from "../identity/lockout/account-lockout.ts";
import { UNKNOWN_SOURCE_KEY } from "../identity/login/login.deps.ts";
import { INVALID_CREDENTIALS, type InvalidCredentials } from "../identity/login/login.errors.ts";
import type { PasswordHashingError } from "../identity/passwords/password-hasher.port.ts";
import { ResidentAccountId, type ResidentAccount } from "./resident-account.ts";
import type { ResidentAccountDeps } from "./resident-account.deps.ts";
import { RESIDENT_ACCOUNT_GONE, type ResidentAccountGone } from "./resident-account.errors.ts";

/** Errors of {@link confirmResidentPassword}. */
export type ConfirmResidentPasswordError = InvalidCredentials | ResidentAccountGone | StorageError | PasswordHashingError;

/**
 * Re-asks the current password before a settings change (password, address, second factor), so a
 * session left open on a shared computer cannot take the account over. A wrong password counts
 * towards the lockout like a failed login; a locked account is refused the same way.
 */
export const confirmResidentPassword = (
  deps: ResidentAccountDeps,
  accountId: string,
  password: string,
): ResultAsync<ResidentAccount, ConfirmResidentPasswordError> => {
  const now = deps.clock.now();
  return deps.accounts.findById(ResidentAccountId(accountId)).andThen((account) => {
    if (account === null) return errAsync(RESIDENT_ACCOUNT_GONE);
    return deps.loginState.loadLockout(account.id).andThen((lockout): ResultAsync<ResidentAccount, ConfirmResidentPasswordError> => {
      const open = lockoutVerdict(lockout, now, deps.loginState.lockoutPolicy).kind === "open";
      return deps.passwordHasher.verify(open ? account.passwordHash : deps.decoyHash, password).andThen((matches) =>
        open && matches
          ? okAsync(account)
          : open
            ? // The failure counts towards the lockout, and its audit entry goes with that write (login-state-store@2).
              deps.loginState
                .saveLockout(account.id, recordFailedAttempt(lockout, now, deps.loginState.lockoutPolicy), {
                  at: now,
                  step: "password",
                  accountId: account.id,
                  source: UNKNOWN_SOURCE_KEY,
                  outcome: "wrong_password",
                  reason: "reconfirmation",
                })
                .andThen(() => errAsync(INVALID_CREDENTIALS))
            : errAsync(INVALID_CREDENTIALS),
      );
    });
  });
};
