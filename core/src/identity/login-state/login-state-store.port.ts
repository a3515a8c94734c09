import type { ResultAsync } from "neverthrow";
import type { AdapterMeta } from "../../shared/adapter-meta.ts";
import type { StorageError } from "../../shared/storage.errors.ts";
import type { ThrottleBucket } from "../lockout/throttle.ts";
import type { LoginStateFacet, LoginStateFacets, LoginStateKey, Versioned } from "./login-state.ts";

/** Contract id of {@link LoginStateStore}; conformance: `describeLoginStateStoreContract`. */
export const LOGIN_STATE_STORE_CONTRACT = "login-state-store@1" as const;

/**
 * Port: the persisted state of logging in, for staff and residents alike, keyed by `(kind, accountId)`
 * (docs/adr/0020-sessions-and-login-state.md): lockout, TOTP enrolment, recovery code hashes, the
 * password-reset ticket, the emailed one-time challenge and the last login — plus the throttle
 * buckets, which belong to source addresses, not accounts. The rules stay in core; the store keeps
 * values. Persistent adapters encrypt the TOTP secret at rest.
 */
export interface LoginStateStore {
  readonly meta: AdapterMeta;
  /** A facet's value and version, or `null` when never written (or deleted). */
  get<F extends LoginStateFacet>(key: LoginStateKey, facet: F): ResultAsync<Versioned<LoginStateFacets[F]> | null, StorageError>;
  /**
   * Writes a facet if its version is still `expectedVersion` (`null`: not stored yet). Answers the
   * new version, or `null` (and writes nothing) when someone else wrote it first.
   */
  put<F extends LoginStateFacet>(key: LoginStateKey, facet: F, value: LoginStateFacets[F], expectedVersion: number | null): ResultAsync<number | null, StorageError>;
  /** Deletes a facet (a used reset ticket, a removed TOTP). Answers whether it existed. */
  delete(key: LoginStateKey, facet: LoginStateFacet): ResultAsync<boolean, StorageError>;
  /** Deletes all of an account's login state (the account itself is deleted). Answers how many facets. */
  deleteAccount(key: LoginStateKey): ResultAsync<number, StorageError>;
  /** A throttle bucket (`global` or a source key), or `null`. */
  loadThrottle(bucketKey: string): ResultAsync<ThrottleBucket | null, StorageError>;
  saveThrottle(bucketKey: string, bucket: ThrottleBucket): ResultAsync<void, StorageError>;
  healthCheck(): ResultAsync<void, StorageError>;
}
