import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import { APPROVAL_STORE_CONTRACT, storageError, type ApprovalRequest, type ApprovalStore, type StorageError } from "@madoguchi/core";
import { appendAudit } from "./memory-audit-log-store.ts";
import { closedError } from "./memory-errors.ts";
import { copy, type MemoryState } from "./memory-state.ts";

/**
 * The reference {@link ApprovalStore}: requests beside the shared memory state, whose audit log each
 * write appends to. JavaScript runs a write without interleaving, so the version check, the audit
 * append and the write are one atomic step; the drafts are sealed before the request changes, so a
 * draft that cannot be appended leaves both as they were.
 */
export const memoryApprovalStore = (state: MemoryState): ApprovalStore => {
  const requests = new Map<string, ApprovalRequest>();
  const guard = <T>(operation: string, f: () => ResultAsync<T, StorageError>): ResultAsync<T, StorageError> =>
    state.closed ? errAsync(closedError(operation)) : f();
  const write = (operation: string, request: ApprovalRequest, audit: Parameters<ApprovalStore["insert"]>[1]): ResultAsync<ApprovalRequest, StorageError> => {
    try {
      appendAudit(state, audit);
    } catch (e) {
      return errAsync(storageError(operation, "unknown", "the audit entries could not be appended", e));
    }
    requests.set(request.id, copy(request));
    return okAsync(copy(request));
  };
  return {
    meta: { contract: APPROVAL_STORE_CONTRACT, name: "memory", capabilities: new Set() },
    insert: (request, audit) =>
      guard("approval-store.insert", () => {
        if (requests.has(request.id)) return errAsync(storageError("approval-store.insert", "conflict", "an approval request with this id exists"));
        if (request.version !== 1) return errAsync(storageError("approval-store.insert", "conflict", "a new approval request has version 1"));
        return write("approval-store.insert", request, audit);
      }),
    get: (id) => guard("approval-store.get", () => okAsync(requests.has(id) ? copy(requests.get(id)!) : null)),
    update: (next, audit) =>
      guard("approval-store.update", () => {
        const stored = requests.get(next.id);
        if (stored === undefined || stored.version !== next.version - 1) return errAsync(storageError("approval-store.update", "conflict", "the approval request was changed meanwhile"));
        return write("approval-store.update", next, audit);
      }),
    list: (query) =>
      guard("approval-store.list", () =>
        okAsync(
          [...requests.values()]
            .filter((r) => query.statuses.includes(r.status))
            .sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
            .slice(0, Math.max(query.limit, 0))
            .map(copy),
        ),
      ),
    healthCheck: () => guard("approval-store.healthCheck", () => okAsync(undefined)),
  };
};
