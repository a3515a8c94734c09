import { errAsync, okAsync, ResultAsync } from "neverthrow";
import type { StorageError } from "../../shared/storage.errors.ts";
import { takeThrottleToken, throttleAllows, throttleKeyForAddress, throttleRetryAt } from "../lockout/throttle.ts";
import { GLOBAL_THROTTLE_KEY, UNKNOWN_SOURCE_KEY, type LoginStateDeps } from "./login.deps.ts";
import type { AccountLockoutState } from "../lockout/account-lockout.ts";
import { INVALID_CREDENTIALS, type InvalidCredentials, type LoginAttemptOutcome, type LoginAttemptRecord, type LoginThrottled } from "./login.errors.ts";

/** The throttle key of a request's source address. */
export const loginSourceKey = (sourceAddress: string): string => throttleKeyForAddress(sourceAddress) ?? UNKNOWN_SOURCE_KEY;

/**
 * Refuses the step with {@link LoginThrottled} (and records it) when the source's or the global bucket
 * is empty; otherwise lets it through. Checked before any account is looked up.
 */
export const checkLoginThrottles = (
  deps: LoginStateDeps,
  source: string,
  now: Date,
  step: LoginAttemptRecord["step"],
  accountId: string | null,
): ResultAsync<void, LoginThrottled | StorageError> =>
  ResultAsync.combine([deps.loadThrottle(source), deps.loadThrottle(GLOBAL_THROTTLE_KEY)]).andThen(([address, global]) => {
    const refused: LoginThrottled | null = !throttleAllows(address, now, deps.addressThrottle)
      ? { _tag: "LoginThrottled", code: "login.throttled", scope: "address", retryAt: throttleRetryAt(address, now, deps.addressThrottle) }
      : !throttleAllows(global, now, deps.globalThrottle)
        ? { _tag: "LoginThrottled", code: "login.throttled", scope: "global", retryAt: throttleRetryAt(global, now, deps.globalThrottle) }
        : null;
    if (refused === null) return okAsync(undefined);
    return deps.recordAttempt({ at: now, step, accountId, source, outcome: "throttled" }).andThen(() => errAsync(refused));
  });

/** Counts one failure against the source's and the global bucket. */
export const countLoginFailure = (deps: LoginStateDeps, source: string, now: Date): ResultAsync<void, StorageError> =>
  ResultAsync.combine([deps.loadThrottle(source), deps.loadThrottle(GLOBAL_THROTTLE_KEY)])
    .andThen(([address, global]) =>
      ResultAsync.combine([
        deps.saveThrottle(source, takeThrottleToken(address, now, deps.addressThrottle)),
        deps.saveThrottle(GLOBAL_THROTTLE_KEY, takeThrottleToken(global, now, deps.globalThrottle)),
      ]),
    )
    .map(() => undefined);

/**
 * Ends a second-factor step (TOTP, email code) as a failure: saves the account's new lockout state when
 * there is one, with the true outcome's audit entry in the same write (else records it directly),
 * counts the failure against the throttles, and answers {@link INVALID_CREDENTIALS} whatever it was
 * (no enumeration). `reason` (a closed
 * reason of the step, e.g. a passkey's rejection) goes to the record only.
 */
export const failLoginStep = (
  deps: LoginStateDeps,
  attempt: { readonly now: Date; readonly source: string; readonly step: LoginAttemptRecord["step"]; readonly accountId: string },
  outcome: LoginAttemptOutcome,
  lockout: AccountLockoutState | null,
  reason?: string,
): ResultAsync<never, InvalidCredentials | StorageError> => {
  const record: LoginAttemptRecord = { at: attempt.now, step: attempt.step, accountId: attempt.accountId, source: attempt.source, outcome, ...(reason === undefined ? {} : { reason }) };
  return (lockout === null ? deps.recordAttempt(record) : deps.saveLockout(attempt.accountId, lockout, record))
    .andThen(() => countLoginFailure(deps, attempt.source, attempt.now))
    .andThen(() => errAsync(INVALID_CREDENTIALS));
};
