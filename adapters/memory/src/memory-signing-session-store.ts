import { errAsync, okAsync } from "neverthrow";
import {
  SIGNING_SESSION_STORE_CONTRACT,
  storageError,
  type SigningSessionKind,
  type SigningSessionRecord,
  type SigningSessionStore,
  type StoredSigningSession,
} from "@madoguchi/core";

/**
 * The reference {@link SigningSessionStore}: records in a map by kind and id, copied in and out. One
 * process only — the reference for the contract, and the store of a single-instance deployment.
 */
export const createMemorySigningSessionStore = (): SigningSessionStore & { reset(): void } => {
  const rows = new Map<string, StoredSigningSession>();
  const slot = (kind: SigningSessionKind, id: string) => `${kind}\u0000${id}`;
  const copy = (row: StoredSigningSession): StoredSigningSession => ({ ...row, expiresAt: new Date(row.expiresAt) });
  const lookupTaken = (record: SigningSessionRecord) =>
    record.lookupKey !== null && [...rows.values()].some((row) => row.kind === record.kind && row.lookupKey === record.lookupKey && row.id !== record.id);
  return {
    meta: { contract: SIGNING_SESSION_STORE_CONTRACT, name: "memory", capabilities: new Set() },
    reset: () => rows.clear(),
    insert: (record) => {
      if (rows.has(slot(record.kind, record.id)) || lookupTaken(record)) {
        return errAsync(storageError("signing-session-store.insert", "conflict", "the id or lookup key is taken"));
      }
      rows.set(slot(record.kind, record.id), copy({ ...record, version: 1 }));
      return okAsync(undefined);
    },
    get: (kind, id) => {
      const row = rows.get(slot(kind, id));
      return okAsync(row === undefined ? null : copy(row));
    },
    findByLookupKey: (kind, lookupKey) => {
      const row = [...rows.values()].find((r) => r.kind === kind && r.lookupKey === lookupKey);
      return okAsync(row === undefined ? null : copy(row));
    },
    replace: (record, expectedVersion) => {
      const row = rows.get(slot(record.kind, record.id));
      if (row === undefined || row.version !== expectedVersion) return okAsync(null);
      if (lookupTaken(record)) return errAsync(storageError("signing-session-store.replace", "conflict", "the lookup key is taken"));
      rows.set(slot(record.kind, record.id), copy({ ...record, version: expectedVersion + 1 }));
      return okAsync(expectedVersion + 1);
    },
    remove: (kind, id) => okAsync(rows.delete(slot(kind, id))),
    removeExpired: (at) => {
      let n = 0;
      for (const [key, row] of rows) {
        if (row.expiresAt.getTime() <= at.getTime()) {
          rows.delete(key);
          n += 1;
        }
      }
      return okAsync(n);
    },
    healthCheck: () => okAsync(undefined),
  };
};
