import type { ResultAsync } from "neverthrow";
import type { AdapterMeta } from "../../shared/adapter-meta.ts";
import type { StorageError } from "../../shared/storage.errors.ts";
import type { AuditEntryDraft } from "../../audit/audit-entry.ts";
import type { ThrottleBucket } from "../lockout/throttle.ts";
import type { LoginStateFacet, LoginStateFacets, LoginStateKey, Versioned } from "./login-state.ts";

/**
 * Contract id of {@link LoginStateStore}; conformance: `describeLoginStateStoreContract`.
 * Major 2 (docs/adr/0020-sessions-and-login-state.md, amendment): the account writes append their
 * audit entries in their own transaction.
 */
export const LOGIN_STATE_STORE_CONTRACT = "login-state-store@2" as const;

/**
 * Port: the persisted state of logging in, for staff and residents alike, keyed by `(kind, accountId)`
 * (docs/adr/0020-sessions-and-login-state.md): lockout, TOTP enrolment, recovery code hashes, the
 * password-reset ticket, the emailed one-time challenge and the last login — plus the throttle
 * buckets, which belong to source addresses, not accounts. The rules stay in core; the store keeps
 * values. Persistent adapters encrypt the TOTP secret at rest.
 *
 * The writes of an account's state (`put`, `delete`, `deleteAccount`) take an optional last parameter,
 * `audit`: drafts appended to the audit log, chained after its head (core's `sealAuditEntries`), in
 * the same transaction as the write — **only when the write changed something** (a `put` that lost
 * its compare-and-set, a `delete` of nothing). If the append fails, the write is rolled back and the
 * call fails. Throttle buckets belong to source addresses and are not audited.
 */
export interface LoginStateStore {
  readonly meta: AdapterMeta;
  /** A facet's value and version, or `null` when never written (or deleted). */
  get<F extends LoginStateFacet>(key: LoginStateKey, facet: F): ResultAsync<Versioned<LoginStateFacets[F]> | null, StorageError>;
  /**
   * Writes a facet if its version is still `expectedVersion` (`null`: not stored yet). Answers the
   * new version, or `null` (and writes nothing) when someone else wrote it first.
   */
  put<F extends LoginStateFacet>(
    key: LoginStateKey,
    facet: F,
    value: LoginStateFacets[F],
    expectedVersion: number | null,
    audit?: readonly AuditEntryDraft[],
  ): ResultAsync<number | null, StorageError>;
  /** Deletes a facet (a used reset ticket, a removed TOTP). Answers whether it existed (`audit` is appended only then). */
  delete(key: LoginStateKey, facet: LoginStateFacet, audit?: readonly AuditEntryDraft[]): ResultAsync<boolean, StorageError>;
  /** Deletes all of an account's login state (the account itself is deleted). Answers how many facets (`audit` is appended only when more than 0). */
  deleteAccount(key: LoginStateKey, audit?: readonly AuditEntryDraft[]): ResultAsync<number, StorageError>;
  /** A throttle bucket (`global` or a source key), or `null`. */
  loadThrottle(bucketKey: string): ResultAsync<ThrottleBucket | null, StorageError>;
  saveThrottle(bucketKey: string, bucket: ThrottleBucket): ResultAsync<void, StorageError>;
  healthCheck(): ResultAsync<void, StorageError>;
}
