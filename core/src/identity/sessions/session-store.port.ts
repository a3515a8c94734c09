import type { ResultAsync } from "neverthrow";
import type { AdapterMeta } from "../../shared/adapter-meta.ts";
import type { StorageError } from "../../shared/storage.errors.ts";
import type { SessionPrincipal, SessionRecord } from "./session.ts";

/** Contract id of {@link SessionStore}; conformance: `describeSessionStoreContract`. */
export const SESSION_STORE_CONTRACT = "session-store@1" as const;

/**
 * Port: server-side sessions of staff and residents (docs/adr/0020-sessions-and-login-state.md).
 * Keyed by the hash of the session id; the id itself never reaches the store. The rules (ids, expiry,
 * rotation) live in core (`sessions.ts`); the store only keeps records, and must make
 * {@link SessionStore.replace} atomic so that a rotated id can never be used again.
 */
export interface SessionStore {
  readonly meta: AdapterMeta;
  /** Stores a new session. Fails with `StorageError{reason:"conflict"}` when the hash is taken. */
  insert(record: SessionRecord): ResultAsync<void, StorageError>;
  /** The session stored under `idHash`, expired or not (core decides), or `null`. */
  find(idHash: string): ResultAsync<SessionRecord | null, StorageError>;
  /** Records activity. Answers false (and writes nothing) when the session is gone. */
  touch(idHash: string, lastSeenAt: Date): ResultAsync<boolean, StorageError>;
  /**
   * Deletes `oldIdHash` and stores `record` in one step (a new id at login completion and step-up).
   * Answers false and writes nothing when `oldIdHash` is gone (it was logged out or rotated already).
   */
  replace(oldIdHash: string, record: SessionRecord): ResultAsync<boolean, StorageError>;
  /** Deletes one session. Answers whether it existed. */
  delete(idHash: string): ResultAsync<boolean, StorageError>;
  /** Deletes every session of a principal (logout everywhere, account disabled, password changed). Answers how many. */
  deleteAllOf(principal: SessionPrincipal): ResultAsync<number, StorageError>;
  /** Every session of a principal, oldest first (to show and to end them). */
  listOf(principal: SessionPrincipal): ResultAsync<readonly SessionRecord[], StorageError>;
  /** Deletes sessions whose absolute end (`expiresAt`) is at or before `now`, or last seen at or before `idleBefore` (of its kind). Answers how many. */
  purgeExpired(now: Date, idleBefore: { readonly staff: Date; readonly resident: Date }): ResultAsync<number, StorageError>;
  healthCheck(): ResultAsync<void, StorageError>;
}
