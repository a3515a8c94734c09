import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import { LOGIN_STATE_STORE_CONTRACT, storageError, type AuditEntryDraft, type LoginStateKey, type LoginStateStore, type StorageError, type ThrottleBucket } from "@madoguchi/core";
import { appendAudit } from "./memory-audit-log-store.ts";
import { closedError } from "./memory-errors.ts";
import { copy, type MemoryState } from "./memory-state.ts";

const accountKey = (key: LoginStateKey): string => `${key.kind}\u0000${key.accountId}`;

type Facets = Map<string, { value: unknown; version: number }>;

/**
 * The reference {@link LoginStateStore}, beside the memory store's shared state: it closes with the other
 * ports and appends the audit entries of its account writes to the same log. A write checks, appends its
 * entries (sealing them first: a draft that cannot be chained throws before the log changes) and only
 * then changes the state — one synchronous step, so the change and its entries are atomic, as in a transaction.
 */
export const memoryLoginStateStore = (state: MemoryState): LoginStateStore => {
  /** account key → facet → { value, version } */
  const accounts = new Map<string, Facets>();
  const throttles = new Map<string, ThrottleBucket>();
  const guard = <T>(op: string, run: () => ResultAsync<T, StorageError>): ResultAsync<T, StorageError> =>
    state.closed ? errAsync(closedError(`login-state-store.${op}`)) : run();
  /** Appends `audit`, then applies `change`; a failed append changes nothing. */
  const audited = <T>(op: string, audit: readonly AuditEntryDraft[] | undefined, change: () => T): ResultAsync<T, StorageError> => {
    try {
      appendAudit(state, audit ?? []);
    } catch (e) {
      return errAsync(storageError(`login-state-store.${op}`, "unknown", "the audit entries could not be appended", e));
    }
    return okAsync(change());
  };
  return {
    meta: { contract: LOGIN_STATE_STORE_CONTRACT, name: "memory", capabilities: new Set() },
    get: (key, facet) =>
      guard("get", () => {
        const row = accounts.get(accountKey(key))?.get(facet);
        return okAsync(row === undefined ? null : ({ value: copy(row.value), version: row.version } as never));
      }),
    put: (key, facet, value, expectedVersion, audit) =>
      guard("put", () => {
        const current = accounts.get(accountKey(key))?.get(facet)?.version ?? null;
        if (current !== expectedVersion) return okAsync(null);
        const stored = copy(value);
        return audited("put", audit, () => {
          const facets: Facets = accounts.get(accountKey(key)) ?? new Map();
          const version = (current ?? 0) + 1;
          facets.set(facet, { value: stored, version });
          accounts.set(accountKey(key), facets);
          return version;
        });
      }),
    delete: (key, facet, audit) =>
      guard("delete", () => {
        if (accounts.get(accountKey(key))?.has(facet) !== true) return okAsync(false);
        return audited("delete", audit, () => accounts.get(accountKey(key))?.delete(facet) ?? false);
      }),
    deleteAccount: (key, audit) =>
      guard("deleteAccount", () => {
        const n = accounts.get(accountKey(key))?.size ?? 0;
        if (n === 0) return okAsync(0);
        return audited("deleteAccount", audit, () => {
          accounts.delete(accountKey(key));
          return n;
        });
      }),
    loadThrottle: (bucketKey) => guard("loadThrottle", () => okAsync(copy(throttles.get(bucketKey) ?? null))),
    saveThrottle: (bucketKey, bucket) =>
      guard("saveThrottle", () => {
        throttles.set(bucketKey, copy(bucket));
        return okAsync(undefined);
      }),
    healthCheck: () => guard("healthCheck", () => okAsync(undefined)),
  };
};
