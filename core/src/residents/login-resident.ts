import { errAsync, okAsync, ResultAsync } from "neverthrow";
import { storageError, type StorageError } from "../shared/storage.errors.ts";
import { authenticateEmailCodeStep, type AuthenticateEmailCodeStepError } from "../identity/login/authenticate-email-code-step.ts";
import { authenticatePassword, type AuthenticatePasswordError } from "../identity/login/authenticate-password.ts";
import { authenticateTotpStep, type AuthenticateTotpStepError } from "../identity/login/authenticate-totp-step.ts";
import { issueEmailCode } from "../identity/one-time-codes/email-one-time-code.ts";
import { redeemRecoveryCode } from "../identity/one-time-codes/recovery-codes.ts";
import { lockoutVerdict, recordFailedAttempt, recordSuccessfulLogin } from "../identity/lockout/account-lockout.ts";
import { checkLoginThrottles, failLoginStep, loginSourceKey } from "../identity/login/login-throttles.ts";
import type { InvalidCredentials, LoginThrottled } from "../identity/login/login.errors.ts";
import type { PasswordHashingError } from "../identity/passwords/password-hasher.port.ts";
import { loginWithPasskey, type PasskeyLoginDeps } from "../identity/passkeys/login-with-passkey.ts";
import { normalizeResidentEmail, ResidentAccountId, type ResidentAccount } from "./resident-account.ts";
import type { ResidentAccountDeps, ResidentLoginState } from "./resident-account.deps.ts";
import { notifyResident } from "./notify-resident.ts";
import type { ResidentEmailNotVerified } from "./resident-account.errors.ts";
import { renderResidentMail } from "./resident-mails.ts";

/**
 * The login state with one addition: the save that locks an account (the only save whose
 * `lockedUntil` is set — attempts refused while locked save nothing) also mails the owner the
 * `account_locked` notice, which has no link; they can ask for an unlock link themselves.
 */
const noticingLocks = (deps: ResidentAccountDeps): ResidentLoginState => ({
  ...deps.loginState,
  saveLockout: (accountId, state, attempt) =>
    deps.loginState.saveLockout(accountId, state, attempt).andThen(() =>
      state.lockedUntil === null
        ? okAsync(undefined)
        : deps.accounts.findById(ResidentAccountId(accountId)).andThen((account) => (account === null ? okAsync(undefined) : notifyResident(deps, account, "account_locked"))),
    ),
});

/** Where a login stands after the password: in, or waiting for the account's second factor. */
export type ResidentLoginStep =
  | { readonly kind: "done"; readonly accountId: ResidentAccountId }
  | { readonly kind: "totp"; readonly accountId: ResidentAccountId }
  /** A code was mailed; `attemptId` binds it to this login attempt (keep it in the pending session only). */
  | { readonly kind: "email_code"; readonly accountId: ResidentAccountId; readonly attemptId: string };

/** Errors of {@link startResidentLogin}. */
export type StartResidentLoginError = AuthenticatePasswordError | ResidentEmailNotVerified;

/**
 * The password step of a resident's login, on `authenticatePassword`: an unknown address, a wrong
 * password and a locked account answer the same `INVALID_CREDENTIALS` after the same work. With the
 * right password: an unverified address is told so; an account with email codes gets a code mailed
 * (bound to a fresh attempt id); one with TOTP is asked for its code.
 */
export const startResidentLogin =
  (deps: ResidentAccountDeps) =>
  (input: { readonly email: string; readonly password: string; readonly sourceAddress: string }): ResultAsync<ResidentLoginStep, StartResidentLoginError> => {
    let found: ResidentAccount | null = null;
    const step = authenticatePassword({
      ...noticingLocks(deps),
      passwordHasher: deps.passwordHasher,
      decoyHash: deps.decoyHash,
      findAccount: (loginId) =>
        deps.accounts.findByEmail(normalizeResidentEmail(loginId)).andThen((account) => {
          found = account;
          if (account === null) return okAsync(null);
          return deps.loginState.loadLockout(account.id).map((lockout) => ({
            accountId: account.id,
            passwordHash: account.passwordHash,
            lockout,
            requiresSecondFactor: account.secondFactor !== "none",
          }));
        }),
    });
    return step({ loginId: input.email, password: input.password, sourceAddress: input.sourceAddress }).andThen(
      (accepted): ResultAsync<ResidentLoginStep, StartResidentLoginError> => {
        const account = found as ResidentAccount | null;
        if (account === null) return errAsync(storageError("resident-login.start", "unknown", "account not kept from the password step"));
        const rehash: ResultAsync<void, StorageError> =
          accepted.newPasswordHash === null
            ? okAsync(undefined)
            : deps.accounts.update({ ...account, passwordHash: accepted.newPasswordHash, version: account.version + 1 }, account.version).map(() => undefined);
        return rehash.andThen((): ResultAsync<ResidentLoginStep, StartResidentLoginError> => {
          if (account.emailVerifiedAt === null) return errAsync({ _tag: "ResidentEmailNotVerified", code: "resident.email_not_verified" });
          switch (account.secondFactor) {
            case "none":
              return okAsync({ kind: "done", accountId: account.id });
            case "totp":
              return okAsync({ kind: "totp", accountId: account.id });
            case "email_code":
              return sendLoginCode(deps, account).map((attemptId) => ({ kind: "email_code", accountId: account.id, attemptId }));
          }
        });
      },
    );
  };

/** Mails a fresh login code for a new attempt (replacing any earlier code); answers the attempt id. */
const sendLoginCode = (deps: ResidentAccountDeps, account: ResidentAccount): ResultAsync<string, StorageError> => {
  const attemptId = deps.ids.secret();
  const { code, challenge } = issueEmailCode(deps, { attemptId, now: deps.clock.now() });
  return deps.loginState
    .replaceEmailCodeChallenge(account.id, challenge)
    .andThen(() => deps.queueMail(account.email, renderResidentMail(account.locale, deps.serviceName, { kind: "login_code", code })))
    .map(() => attemptId);
};

/** The TOTP step of a resident's login, on `authenticateTotpStep` (same single failure value). */
export const finishResidentLoginWithTotp =
  (deps: ResidentAccountDeps) =>
  (input: { readonly accountId: string; readonly code: string; readonly sourceAddress: string }): ResultAsync<{ readonly accountId: string }, AuthenticateTotpStepError> =>
    authenticateTotpStep({
      ...noticingLocks(deps),
      totp: deps.totp,
      loadTotpAccount: (accountId) =>
        ResultAsync.combine([deps.loginState.loadLockout(accountId), deps.loginState.loadTotpEnrolment(accountId)]).map(([lockout, enrolment]) => ({
          lockout,
          enrolment,
        })),
    })(input);

/** The email-code step of a resident's login, on `authenticateEmailCodeStep`. */
export const finishResidentLoginWithEmailCode =
  (deps: ResidentAccountDeps) =>
  (input: { readonly accountId: string; readonly attemptId: string; readonly code: string; readonly sourceAddress: string }): ResultAsync<
    { readonly accountId: string },
    AuthenticateEmailCodeStepError
  > =>
    authenticateEmailCodeStep({
      ...noticingLocks(deps),
      hasher: deps.hasher,
      loadEmailCodeAttempt: (accountId) =>
        ResultAsync.combine([deps.loginState.loadLockout(accountId), deps.loginState.loadEmailCodeChallenge(accountId)]).map(([lockout, challenge]) => ({
          lockout,
          challenge,
        })),
    })(input);

/** Errors of {@link finishResidentLoginWithRecoveryCode}. */
export type RecoveryCodeLoginError = InvalidCredentials | LoginThrottled | StorageError | PasswordHashingError;

/**
 * The frame of a second step other than the TOTP and email codes (a recovery code, a passkey):
 * throttles, then the account's lockout, then `check`. `wrong(reason)` counts a failure like a wrong
 * code (lockout, throttles, the audit record with its reason) and answers INVALID_CREDENTIALS; a
 * passed check resets the lockout and is recorded as a success of `step`.
 */
const residentSecondStep = <T, E>(
  deps: ResidentAccountDeps,
  input: { readonly accountId: string; readonly sourceAddress: string },
  step: "totp" | "passkey",
  check: (now: Date, wrong: (reason?: string) => ResultAsync<never, InvalidCredentials | StorageError>) => ResultAsync<T, E | InvalidCredentials | StorageError>,
): ResultAsync<T, E | InvalidCredentials | LoginThrottled | StorageError> => {
  const state = noticingLocks(deps);
  const now = deps.clock.now();
  const source = loginSourceKey(input.sourceAddress);
  const attempt = { now, source, step, accountId: input.accountId };
  return checkLoginThrottles(state, source, now, step, input.accountId)
    .andThen(() => state.loadLockout(input.accountId))
    .andThen((lockout): ResultAsync<T, E | InvalidCredentials | StorageError> => {
      const verdict = lockoutVerdict(lockout, now, state.lockoutPolicy);
      if (verdict.kind !== "open") return failLoginStep(state, attempt, verdict.kind, null);
      const failed = recordFailedAttempt(lockout, now, state.lockoutPolicy);
      return check(now, (reason) => failLoginStep(state, attempt, "wrong_second_factor", failed, reason)).andThen((passed) =>
        state.saveLockout(input.accountId, recordSuccessfulLogin(), { at: now, step, accountId: input.accountId, source, outcome: "success" }).map(() => passed),
      );
    });
};

/**
 * The TOTP step done with a recovery code instead (a lost phone). Same lockout count, throttles and
 * single failure value as the TOTP step (it is recorded as that step); each code works once — the
 * used list is stored by compare-and-set, so two concurrent logins cannot both use one code.
 */
export const finishResidentLoginWithRecoveryCode =
  (deps: ResidentAccountDeps) =>
  (input: { readonly accountId: string; readonly code: string; readonly sourceAddress: string }): ResultAsync<{ readonly accountId: string }, RecoveryCodeLoginError> =>
    residentSecondStep<{ readonly accountId: string }, PasswordHashingError>(deps, input, "totp", (now, wrong) =>
      deps.loginState.loadRecoveryCodes(input.accountId).andThen((stored) =>
        redeemRecoveryCode(deps, { stored, typed: input.code, now })
          .orElse((e) => (e._tag === "RecoveryCodeRejected" ? wrong() : errAsync(e)))
          .andThen((updated) => deps.loginState.useRecoveryCode(input.accountId, stored, updated).andThen((won) => (won ? okAsync({ accountId: input.accountId }) : wrong()))),
      ),
    );

/** Errors of {@link finishResidentLoginWithPasskey}: one INVALID_CREDENTIALS for every refused answer. */
export type PasskeyLoginError = InvalidCredentials | LoginThrottled | StorageError;

/**
 * The second step done with one of the account's passkeys instead of its code (ADR 18, passkeys):
 * the answer to a challenge the caller bound to this login, verified by {@link loginWithPasskey}
 * under the same throttles and lockout as a code. Every refusal (another origin, another challenge, a
 * spent answer, another account's passkey, no user verification…) counts like a wrong code and
 * answers INVALID_CREDENTIALS; its reason goes to the audit record only.
 */
export const finishResidentLoginWithPasskey =
  (deps: ResidentAccountDeps & PasskeyLoginDeps) =>
  (input: { readonly accountId: string; readonly response: unknown; readonly expectedChallenge: string; readonly sourceAddress: string }): ResultAsync<
    { readonly accountId: string; readonly passkeyLabel: string },
    PasskeyLoginError
  > =>
    residentSecondStep<{ readonly accountId: string; readonly passkeyLabel: string }, never>(deps, input, "passkey", (now, wrong) =>
      loginWithPasskey(deps)({ owner: { kind: "resident", accountId: input.accountId }, response: input.response, expectedChallenge: input.expectedChallenge, now })
        .map((used) => ({ accountId: input.accountId, passkeyLabel: used.label }))
        .orElse((e) =>
          e._tag === "PasskeyRejected" ? wrong(e.reason) : errAsync(e._tag === "StorageError" ? e : storageError("resident-login.passkey", "unavailable", e.message)),
        ),
    );
