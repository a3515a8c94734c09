import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import { STAFF_STORE_CONTRACT, storageError, type AuditEntryDraft, type StaffAccount, type StaffStore, type StorageError } from "@madoguchi/core";
import { appendAudit } from "./memory-audit-log-store.ts";
import { closedError, conflictError } from "./memory-errors.ts";
import { copy, type MemoryState } from "./memory-state.ts";

/** Appends `audit` to the shared log (sealed before anything changes); a failure is a value. */
const append = (op: string, state: MemoryState, audit: readonly AuditEntryDraft[] | undefined): StorageError | null => {
  try {
    appendAudit(state, audit ?? []);
    return null;
  } catch (e) {
    return storageError(op, "unknown", "the audit entries could not be appended", e);
  }
};

/**
 * The reference {@link StaffStore} over the shared memory state. A write checks, appends its audit
 * entries and only then changes the account — one synchronous step, so both happen or neither.
 */
export const memoryStaffStore = (state: MemoryState): StaffStore => ({
  meta: { contract: STAFF_STORE_CONTRACT, name: "memory", capabilities: new Set() },
  insert: (account: StaffAccount, audit?: readonly AuditEntryDraft[]): ResultAsync<void, StorageError> => {
    const op = "staff-store.insert";
    if (state.closed) return errAsync(closedError(op));
    if (state.staff.has(account.id)) return errAsync(conflictError(op, "staff id"));
    if ([...state.staff.values()].some((a) => a.loginId === account.loginId)) return errAsync(conflictError(op, "login id"));
    const failed = append(op, state, audit);
    if (failed !== null) return errAsync(failed);
    state.staff.set(account.id, copy({ ...account, notificationEmail: account.notificationEmail ?? null }));
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
  updatePasswordHash: (id, passwordHash, audit) => {
    const op = "staff-store.updatePasswordHash";
    if (state.closed) return errAsync(closedError(op));
    const found = state.staff.get(id);
    if (found === undefined) return okAsync(false);
    const failed = append(op, state, audit);
    if (failed !== null) return errAsync(failed);
    state.staff.set(id, { ...found, passwordHash });
    return okAsync(true);
  },
  updateNotificationEmail: (id, email, audit) => {
    const op = "staff-store.updateNotificationEmail";
    if (state.closed) return errAsync(closedError(op));
    const found = state.staff.get(id);
    if (found === undefined) return okAsync(false);
    const failed = append(op, state, audit);
    if (failed !== null) return errAsync(failed);
    state.staff.set(id, { ...found, notificationEmail: email });
    return okAsync(true);
  },
  count: () => (state.closed ? errAsync(closedError("staff-store.count")) : okAsync(state.staff.size)),
  healthCheck: () => (state.closed ? errAsync(closedError("staff-store.healthCheck")) : okAsync(undefined)),
});
