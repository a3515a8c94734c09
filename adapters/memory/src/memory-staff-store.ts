import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import type { StaffAccount, StaffStore, StorageError } from "@madoguchi/core";
import { closedError, conflictError } from "./memory-errors.ts";
import { copy, type MemoryState } from "./memory-state.ts";

/** The reference {@link StaffStore} over the shared memory state. */
export const memoryStaffStore = (state: MemoryState): StaffStore => ({
  insert: (account: StaffAccount): ResultAsync<void, StorageError> => {
    const op = "staff-store.insert";
    if (state.closed) return errAsync(closedError(op));
    if (state.staff.has(account.id)) return errAsync(conflictError(op, "staff id"));
    if ([...state.staff.values()].some((a) => a.loginId === account.loginId)) return errAsync(conflictError(op, "login id"));
    state.staff.set(account.id, copy(account));
    return okAsync(undefined);
  },
  findByLoginId: (loginId: string): ResultAsync<StaffAccount | null, StorageError> => {
    if (state.closed) return errAsync(closedError("staff-store.findByLoginId"));
    const found = [...state.staff.values()].find((a) => a.loginId === loginId);
    return okAsync(found === undefined ? null : copy(found));
  },
  findById: (id) => {
    if (state.closed) return errAsync(closedError("staff-store.findById"));
    return okAsync(copy(state.staff.get(id) ?? null));
  },
  updatePasswordHash: (id, passwordHash) => {
    if (state.closed) return errAsync(closedError("staff-store.updatePasswordHash"));
    const found = state.staff.get(id);
    if (found === undefined) return okAsync(false);
    state.staff.set(id, { ...found, passwordHash });
    return okAsync(true);
  },
  count: () => (state.closed ? errAsync(closedError("staff-store.count")) : okAsync(state.staff.size)),
});
