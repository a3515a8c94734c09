import { errAsync, type ResultAsync } from "neverthrow";
import type { StorageError } from "../../shared/storage.errors.ts";
import { lockoutVerdict, recordFailedAttempt, recordSuccessfulLogin, type AccountLockoutState } from "../lockout/account-lockout.ts";
import type { TotpAuthenticator, TotpError } from "../totp/totp-authenticator.port.ts";
import type { TotpEnrolment } from "../totp/totp-enrolment.ts";
import { verifyTotpLogin } from "../totp/verify-totp-code.ts";
import type { LoginStateDeps } from "./login.deps.ts";
import { INVALID_CREDENTIALS, type InvalidCredentials, type LoginAttemptOutcome, type LoginThrottled } from "./login.errors.ts";
import { checkLoginThrottles, failLoginStep, loginSourceKey } from "./login-throttles.ts";

/** Dependencies of {@link authenticateTotpStep}. */
export interface AuthenticateTotpStepDeps extends LoginStateDeps {
  readonly totp: Pick<TotpAuthenticator, "codeAt">;
  /** The account's lockout state and confirmed enrolment (`null` if it has none). */
  loadTotpAccount(accountId: string): ResultAsync<{ readonly lockout: AccountLockoutState; readonly enrolment: TotpEnrolment | null }, StorageError>;
  /**
   * Stores the enrolment with its new `lastUsedStep` only if the stored one is still `previousStep`
   * (compare-and-set); answers `false` when another request got there first — then this code was
   * already used and the step fails.
   */
  saveTotpStep(accountId: string, previousStep: number | null, enrolment: TotpEnrolment): ResultAsync<boolean, StorageError>;
}

/** Errors of {@link authenticateTotpStep}. */
export type AuthenticateTotpStepError = InvalidCredentials | LoginThrottled | StorageError | TotpError;

/**
 * The TOTP step of a login, after `authenticatePassword` answered `secondFactorRequired`. Subject to
 * the same account lockout (one count for both steps, so the TOTP step is covered too) and throttles.
 * Every failure — wrong, replayed or malformed code, delayed or locked account, no enrolment — is the
 * same {@link INVALID_CREDENTIALS}. Success resets the lockout count.
 */
export const authenticateTotpStep =
  (deps: AuthenticateTotpStepDeps) =>
  (input: { readonly accountId: string; readonly code: string; readonly sourceAddress: string }): ResultAsync<{ readonly accountId: string }, AuthenticateTotpStepError> => {
    const now = deps.clock.now();
    const source = loginSourceKey(input.sourceAddress);
    const fail = (outcome: LoginAttemptOutcome, lockout: AccountLockoutState | null): ResultAsync<never, AuthenticateTotpStepError> =>
      failLoginStep(deps, { now, source, step: "totp", accountId: input.accountId }, outcome, lockout);

    return checkLoginThrottles(deps, source, now, "totp", input.accountId)
      .andThen(() => deps.loadTotpAccount(input.accountId))
      .andThen(({ lockout, enrolment }): ResultAsync<{ readonly accountId: string }, AuthenticateTotpStepError> => {
        const verdict = lockoutVerdict(lockout, now, deps.lockoutPolicy);
        if (verdict.kind !== "open") return fail(verdict.kind, null);
        const failed = recordFailedAttempt(lockout, now, deps.lockoutPolicy);
        if (enrolment === null) return fail("wrong_second_factor", failed);
        const checked = verifyTotpLogin(deps.totp, { enrolment, code: input.code, now });
        if (checked.isErr()) return checked.error._tag === "TotpError" ? errAsync(checked.error) : fail("wrong_second_factor", failed);
        return deps.saveTotpStep(input.accountId, enrolment.lastUsedStep, checked.value).andThen((won) =>
          won
            ? deps
                .saveLockout(input.accountId, recordSuccessfulLogin(), { at: now, step: "totp", accountId: input.accountId, source, outcome: "success" })
                .map(() => ({ accountId: input.accountId }))
            : fail("wrong_second_factor", failed),
        );
      });
  };
