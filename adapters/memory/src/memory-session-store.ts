import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import { SESSION_STORE_CONTRACT, type SessionPrincipal, type SessionRecord, type SessionStore, type StorageError } from "@madoguchi/core";
import { closedError, conflictError } from "./memory-errors.ts";
import { copy } from "./memory-state.ts";

const samePrincipal = (a: SessionPrincipal, b: SessionPrincipal): boolean => a.kind === b.kind && a.id === b.id;

/** The reference {@link SessionStore}; closes with the memory store (`isClosed`). */
export const memorySessionStore = (isClosed: () => boolean): SessionStore => {
  const sessions = new Map<string, SessionRecord>();
  const guard = <T>(op: string, run: () => ResultAsync<T, StorageError>): ResultAsync<T, StorageError> =>
    isClosed() ? errAsync(closedError(`session-store.${op}`)) : run();
  const removeWhere = (pred: (r: SessionRecord) => boolean): number => {
    let n = 0;
    for (const [k, r] of sessions) if (pred(r)) (sessions.delete(k), n++);
    return n;
  };
  return {
    meta: { contract: SESSION_STORE_CONTRACT, name: "memory", capabilities: new Set() },
    insert: (record) =>
      guard("insert", () => {
        if (sessions.has(record.idHash)) return errAsync(conflictError("session-store.insert", "session"));
        sessions.set(record.idHash, copy(record));
        return okAsync(undefined);
      }),
    find: (idHash) => guard("find", () => okAsync(copy(sessions.get(idHash) ?? null))),
    touch: (idHash, lastSeenAt) =>
      guard("touch", () => {
        const r = sessions.get(idHash);
        if (r === undefined) return okAsync(false);
        sessions.set(idHash, { ...r, lastSeenAt: new Date(lastSeenAt) });
        return okAsync(true);
      }),
    replace: (oldIdHash, record) =>
      guard("replace", () => {
        if (!sessions.has(oldIdHash)) return okAsync(false);
        if (record.idHash !== oldIdHash && sessions.has(record.idHash)) return errAsync(conflictError("session-store.replace", "session"));
        sessions.delete(oldIdHash);
        sessions.set(record.idHash, copy(record));
        return okAsync(true);
      }),
    delete: (idHash) => guard("delete", () => okAsync(sessions.delete(idHash))),
    deleteAllOf: (principal) => guard("deleteAllOf", () => okAsync(removeWhere((r) => samePrincipal(r.principal, principal)))),
    listOf: (principal) =>
      guard("listOf", () =>
        okAsync(
          [...sessions.values()]
            .filter((r) => samePrincipal(r.principal, principal))
            .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.idHash < b.idHash ? -1 : 1))
            .map(copy),
        ),
      ),
    purgeExpired: (now, idleBefore) =>
      guard("purgeExpired", () =>
        okAsync(removeWhere((r) => r.expiresAt.getTime() <= now.getTime() || r.lastSeenAt.getTime() <= idleBefore[r.principal.kind].getTime())),
      ),
    healthCheck: () => guard("healthCheck", () => okAsync(undefined)),
  };
};
