import { okAsync, type ResultAsync } from "neverthrow";
import type { Clock } from "../shared/clock.port.ts";
import type { StorageError } from "../shared/storage.errors.ts";
import type { AuditEntryDraft } from "../audit/audit-entry.ts";
import { adminUnlock, UNLOCKED_ACCOUNT, type AccountLockoutState } from "../identity/lockout/account-lockout.ts";
import type { LockoutPolicy } from "../identity/lockout/lockout-policy.ts";
import type { ThrottlePolicy } from "../identity/lockout/throttle.ts";
import type { LoginAttemptRecord } from "../identity/login/login.errors.ts";
import type { StoredRecoveryCode } from "../identity/one-time-codes/recovery-codes.ts";
import type { LoginStateFacet, LoginStateFacets, LoginStateKey } from "../identity/login-state/login-state.ts";
import type { LoginStateStore } from "../identity/login-state/login-state-store.port.ts";
import type { ResidentLoginState } from "./resident-account.deps.ts";

/** What {@link residentLoginState} needs besides the store. */
export interface ResidentLoginStateOptions {
  readonly clock: Clock;
  readonly lockoutPolicy: LockoutPolicy;
  readonly addressThrottle: ThrottlePolicy;
  readonly globalThrottle: ThrottlePolicy;
  recordAttempt(record: LoginAttemptRecord): ResultAsync<void, StorageError>;
  /** The audit entry of a step that changed the lockout (`lockout`: the new state); appended with that write. */
  attemptAudit(record: LoginAttemptRecord, lockout: AccountLockoutState): AuditEntryDraft;
}

const key = (accountId: string): LoginStateKey => ({ kind: "resident", accountId });
const sameCodes = (a: readonly StoredRecoveryCode[], b: readonly StoredRecoveryCode[]): boolean =>
  a.length === b.length && a.every((c, i) => c.hash === b[i]?.hash && (c.usedAt?.getTime() ?? null) === (b[i]?.usedAt?.getTime() ?? null));
const MAX_RETRIES = 5;

/**
 * A resident's login state on the shared login-state port, under keys `("resident", accountId)`.
 * Single-use things (a TOTP step, an email code, a reset ticket) are compare-and-set on the facet's
 * version; state where the latest value is right (lockout counts, a new challenge) is written over
 * whatever version is current.
 */
export const residentLoginState = (store: LoginStateStore, options: ResidentLoginStateOptions): ResidentLoginState => {
  const putLatest = <F extends LoginStateFacet>(
    accountId: string,
    facet: F,
    value: LoginStateFacets[F],
    audit: readonly AuditEntryDraft[] = [],
    left = MAX_RETRIES,
  ): ResultAsync<void, StorageError> =>
    store
      .get(key(accountId), facet)
      .andThen((current) => store.put(key(accountId), facet, value, current?.version ?? null, audit))
      .andThen((version) => (version !== null || left === 0 ? okAsync(undefined) : putLatest(accountId, facet, value, audit, left - 1)));
  const get = <F extends LoginStateFacet>(accountId: string, facet: F): ResultAsync<LoginStateFacets[F] | null, StorageError> =>
    store.get(key(accountId), facet).map((v) => v?.value ?? null);

  return {
    clock: options.clock,
    lockoutPolicy: options.lockoutPolicy,
    addressThrottle: options.addressThrottle,
    globalThrottle: options.globalThrottle,
    recordAttempt: options.recordAttempt,
    loadThrottle: (bucketKey) => store.loadThrottle(bucketKey),
    saveThrottle: (bucketKey, bucket) => store.saveThrottle(bucketKey, bucket),
    saveLockout: (accountId, state, attempt) => putLatest(accountId, "lockout", state, attempt === null ? [] : [options.attemptAudit(attempt, state)]),
    loadLockout: (accountId) => get(accountId, "lockout").map((v) => v ?? UNLOCKED_ACCOUNT),
    resetLockout: (accountId, audit) => putLatest(accountId, "lockout", adminUnlock(), audit),
    loadTotpEnrolment: (accountId) => get(accountId, "totp"),
    saveTotpEnrolment: (accountId, enrolment) =>
      enrolment === null ? store.delete(key(accountId), "totp").map(() => undefined) : putLatest(accountId, "totp", enrolment),
    saveTotpStep: (accountId, previousStep, enrolment) =>
      store.get(key(accountId), "totp").andThen((current) =>
        current === null || current.value.lastUsedStep !== previousStep
          ? okAsync(false)
          : store.put(key(accountId), "totp", enrolment, current.version).map((v) => v !== null),
      ),
    loadRecoveryCodes: (accountId) => get(accountId, "recovery_codes").map((v) => v ?? []),
    saveRecoveryCodes: (accountId, codes) => putLatest(accountId, "recovery_codes", codes),
    useRecoveryCode: (accountId, previous, updated) =>
      store.get(key(accountId), "recovery_codes").andThen((current) =>
        current === null || !sameCodes(current.value, previous)
          ? okAsync(false)
          : store.put(key(accountId), "recovery_codes", updated, current.version).map((v) => v !== null),
      ),
    loadEmailCodeChallenge: (accountId) => get(accountId, "email_challenge"),
    replaceEmailCodeChallenge: (accountId, challenge) => putLatest(accountId, "email_challenge", challenge),
    saveEmailCodeChallenge: (accountId, challenge) =>
      store.get(key(accountId), "email_challenge").andThen((current) =>
        current === null || current.value.consumedAt !== null || current.value.attemptId !== challenge.attemptId
          ? okAsync(false)
          : store.put(key(accountId), "email_challenge", challenge, current.version).map((v) => v !== null),
      ),
    loadResetTicket: (accountId) => get(accountId, "password_reset"),
    saveResetTicket: (ticket) => putLatest(ticket.accountId, "password_reset", ticket),
    useResetTicket: (ticket) =>
      store.get(key(ticket.accountId), "password_reset").andThen((current) =>
        current === null || current.value.usedAt !== null || current.value.tokenHash !== ticket.tokenHash
          ? okAsync(false)
          : store.put(key(ticket.accountId), "password_reset", ticket, current.version).map((v) => v !== null),
      ),
  };
};
