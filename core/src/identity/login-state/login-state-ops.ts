import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import { storageError, type StorageError } from "../../shared/storage.errors.ts";
import type { AuditEntryDraft } from "../../audit/audit-entry.ts";
import { UNLOCKED_ACCOUNT, type AccountLockoutState } from "../lockout/account-lockout.ts";
import type { TotpEnrolment } from "../totp/totp-enrolment.ts";
import type { LoginStateFacet, LoginStateFacets, LoginStateKey } from "./login-state.ts";
import type { LoginStateStore } from "./login-state-store.port.ts";

/** How often a last-writer-wins write retries after losing a race (lockout counts, last login). */
const MAX_RETRIES = 5;

/**
 * Writes a facet whatever its current version (for state where the latest write is right, such as a
 * lockout count just computed). Retries when another write slipped in between the read and the write.
 * `audit` goes with the write that wins, in its transaction (a lost try appends nothing).
 */
export const putLatest = <F extends LoginStateFacet>(
  store: LoginStateStore,
  key: LoginStateKey,
  facet: F,
  value: LoginStateFacets[F],
  audit: readonly AuditEntryDraft[] = [],
): ResultAsync<void, StorageError> => {
  const attempt = (left: number): ResultAsync<void, StorageError> =>
    store
      .get(key, facet)
      .andThen((current) => store.put(key, facet, value, current?.version ?? null, audit))
      .andThen((version) => {
        if (version !== null) return okAsync(undefined);
        return left > 0 ? attempt(left - 1) : errAsync(storageError(`login-state-store.put.${facet}`, "conflict", "too many concurrent writes"));
      });
  return attempt(MAX_RETRIES);
};

/** An account's lockout state (unlocked when never written). */
export const loadLockout = (store: LoginStateStore, key: LoginStateKey): ResultAsync<AccountLockoutState, StorageError> =>
  store.get(key, "lockout").map((v) => v?.value ?? UNLOCKED_ACCOUNT);

/** An account's confirmed TOTP enrolment, or `null` (none, or not confirmed yet). */
export const loadConfirmedTotp = (store: LoginStateStore, key: LoginStateKey): ResultAsync<TotpEnrolment | null, StorageError> =>
  store.get(key, "totp").map((v) => (v !== null && v.value.confirmedAt !== null ? v.value : null));

/**
 * The TOTP replay guard as a compare-and-set: stores `enrolment` only if the stored `lastUsedStep` is
 * still `previousStep` and nobody wrote in between. `false`: the code was used by a concurrent login.
 */
export const saveTotpStep = (
  store: LoginStateStore,
  key: LoginStateKey,
  previousStep: number | null,
  enrolment: TotpEnrolment,
  audit: readonly AuditEntryDraft[] = [],
): ResultAsync<boolean, StorageError> =>
  store.get(key, "totp").andThen((current) => {
    if (current === null || current.value.lastUsedStep !== previousStep) return okAsync(false);
    return store.put(key, "totp", enrolment, current.version, audit).map((v) => v !== null);
  });
