import type { ResultAsync } from "neverthrow";
import type { Hasher } from "../../shared/hasher.port.ts";
import type { StorageError } from "../../shared/storage.errors.ts";
import { lockoutVerdict, recordFailedAttempt, recordSuccessfulLogin, type AccountLockoutState } from "../lockout/account-lockout.ts";
import { checkEmailCode, type EmailCodeChallenge } from "../one-time-codes/email-one-time-code.ts";
import type { LoginStateDeps } from "./login.deps.ts";
import type { InvalidCredentials, LoginAttemptOutcome, LoginThrottled } from "./login.errors.ts";
import { checkLoginThrottles, failLoginStep, loginSourceKey } from "./login-throttles.ts";

/** Dependencies of {@link authenticateEmailCodeStep}. */
export interface AuthenticateEmailCodeStepDeps extends LoginStateDeps {
  readonly hasher: Hasher;
  /** The account's lockout state and the challenge stored for this login attempt (`null` if none). */
  loadEmailCodeAttempt(accountId: string, attemptId: string): ResultAsync<{ readonly lockout: AccountLockoutState; readonly challenge: EmailCodeChallenge | null }, StorageError>;
  /**
   * Stores the updated challenge only if the stored one is still unconsumed (compare-and-set);
   * `false` when a concurrent request consumed it first.
   */
  saveEmailCodeChallenge(accountId: string, challenge: EmailCodeChallenge): ResultAsync<boolean, StorageError>;
}

/** Errors of {@link authenticateEmailCodeStep}. */
export type AuthenticateEmailCodeStepError = InvalidCredentials | LoginThrottled | StorageError;

/**
 * The email-code step of a resident's login (lower assurance; staff use TOTP). Same lockout count and
 * throttles as the other steps, same single failure value. A wrong code also counts a try on the
 * challenge (it dies after 5); a new code for the same attempt starts a new challenge but never resets
 * the account's count.
 */
export const authenticateEmailCodeStep =
  (deps: AuthenticateEmailCodeStepDeps) =>
  (input: { readonly accountId: string; readonly attemptId: string; readonly code: string; readonly sourceAddress: string }): ResultAsync<
    { readonly accountId: string },
    AuthenticateEmailCodeStepError
  > => {
    const now = deps.clock.now();
    const source = loginSourceKey(input.sourceAddress);
    const fail = (outcome: LoginAttemptOutcome, lockout: AccountLockoutState | null): ResultAsync<never, AuthenticateEmailCodeStepError> =>
      failLoginStep(deps, { now, source, step: "email_code", accountId: input.accountId }, outcome, lockout);

    return checkLoginThrottles(deps, source, now, "email_code", input.accountId)
      .andThen(() => deps.loadEmailCodeAttempt(input.accountId, input.attemptId))
      .andThen(({ lockout, challenge }): ResultAsync<{ readonly accountId: string }, AuthenticateEmailCodeStepError> => {
        const verdict = lockoutVerdict(lockout, now, deps.lockoutPolicy);
        if (verdict.kind !== "open") return fail(verdict.kind, null);
        const failed = recordFailedAttempt(lockout, now, deps.lockoutPolicy);
        if (challenge === null) return fail("wrong_second_factor", failed);
        const checked = checkEmailCode(deps, challenge, { attemptId: input.attemptId, typed: input.code, now });
        if (checked.isErr()) {
          return deps.saveEmailCodeChallenge(input.accountId, checked.error.challenge).andThen(() => fail("wrong_second_factor", failed));
        }
        return deps.saveEmailCodeChallenge(input.accountId, checked.value).andThen((won) =>
          won
            ? deps
                .saveLockout(input.accountId, recordSuccessfulLogin(), { at: now, step: "email_code", accountId: input.accountId, source, outcome: "success" })
                .map(() => ({ accountId: input.accountId }))
            : fail("wrong_second_factor", failed),
        );
      });
  };
