import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import { RESIDENT_ACCOUNT_STORE_CONTRACT, type ResidentAccount, type ResidentAccountId, type ResidentAccountStore, type StorageError } from "@madoguchi/core";
import { closedError, conflictError } from "./memory-errors.ts";
import { copy } from "./memory-state.ts";

/** A memory {@link ResidentAccountStore} with `close()` (afterwards every call fails as `unavailable`). */
export interface MemoryResidentAccountStore extends ResidentAccountStore {
  close(): Promise<void>;
}

/**
 * The reference {@link ResidentAccountStore}: the semantics the persistent adapters must match. It
 * keeps addresses in plain text, since nothing reaches disk.
 */
export const createMemoryResidentAccountStore = (): MemoryResidentAccountStore => {
  const accounts = new Map<string, ResidentAccount>();
  let closed = false;
  const emailTaken = (email: string, except: string | null) => [...accounts.values()].some((a) => a.email === email && a.id !== except);
  return {
    meta: { contract: RESIDENT_ACCOUNT_STORE_CONTRACT, name: "memory", capabilities: new Set() },
    insert: (account: ResidentAccount): ResultAsync<void, StorageError> => {
      const op = "resident-account-store.insert";
      if (closed) return errAsync(closedError(op));
      if (accounts.has(account.id)) return errAsync(conflictError(op, "account id"));
      if (emailTaken(account.email, null)) return errAsync(conflictError(op, "email"));
      accounts.set(account.id, copy(account));
      return okAsync(undefined);
    },
    findById: (id: ResidentAccountId) => {
      if (closed) return errAsync(closedError("resident-account-store.findById"));
      const found = accounts.get(id);
      return okAsync(found === undefined ? null : copy(found));
    },
    findByEmail: (email: string) => {
      if (closed) return errAsync(closedError("resident-account-store.findByEmail"));
      const found = [...accounts.values()].find((a) => a.email === email);
      return okAsync(found === undefined ? null : copy(found));
    },
    update: (account: ResidentAccount, expectedVersion: number): ResultAsync<boolean, StorageError> => {
      const op = "resident-account-store.update";
      if (closed) return errAsync(closedError(op));
      if (account.version !== expectedVersion + 1) throw new RangeError("account.version must be expectedVersion + 1");
      const stored = accounts.get(account.id);
      if (stored === undefined || stored.version !== expectedVersion) return okAsync(false);
      if (emailTaken(account.email, account.id)) return errAsync(conflictError(op, "email"));
      accounts.set(account.id, copy(account));
      return okAsync(true);
    },
    healthCheck: () => (closed ? errAsync(closedError("resident-account-store.healthCheck")) : okAsync(undefined)),
    close: async () => {
      closed = true;
    },
  };
};
