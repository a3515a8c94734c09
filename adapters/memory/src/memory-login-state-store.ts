import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import { LOGIN_STATE_STORE_CONTRACT, type LoginStateKey, type LoginStateStore, type StorageError, type ThrottleBucket } from "@madoguchi/core";
import { closedError } from "./memory-errors.ts";
import { copy } from "./memory-state.ts";

const accountKey = (key: LoginStateKey): string => `${key.kind}\u0000${key.accountId}`;

/** The reference {@link LoginStateStore}; closes with the memory store (`isClosed`). */
export const memoryLoginStateStore = (isClosed: () => boolean): LoginStateStore => {
  /** account key → facet → { value, version } */
  const accounts = new Map<string, Map<string, { value: unknown; version: number }>>();
  const throttles = new Map<string, ThrottleBucket>();
  const guard = <T>(op: string, run: () => ResultAsync<T, StorageError>): ResultAsync<T, StorageError> =>
    isClosed() ? errAsync(closedError(`login-state-store.${op}`)) : run();
  return {
    meta: { contract: LOGIN_STATE_STORE_CONTRACT, name: "memory", capabilities: new Set() },
    get: (key, facet) =>
      guard("get", () => {
        const row = accounts.get(accountKey(key))?.get(facet);
        return okAsync(row === undefined ? null : ({ value: copy(row.value), version: row.version } as never));
      }),
    put: (key, facet, value, expectedVersion) =>
      guard("put", () => {
        const facets = accounts.get(accountKey(key)) ?? new Map<string, { value: unknown; version: number }>();
        const current = facets.get(facet)?.version ?? null;
        if (current !== expectedVersion) return okAsync(null);
        const version = (current ?? 0) + 1;
        facets.set(facet, { value: copy(value), version });
        accounts.set(accountKey(key), facets);
        return okAsync(version);
      }),
    delete: (key, facet) => guard("delete", () => okAsync(accounts.get(accountKey(key))?.delete(facet) ?? false)),
    deleteAccount: (key) =>
      guard("deleteAccount", () => {
        const n = accounts.get(accountKey(key))?.size ?? 0;
        accounts.delete(accountKey(key));
        return okAsync(n);
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
