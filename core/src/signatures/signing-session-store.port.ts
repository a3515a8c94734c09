import type { ResultAsync } from "neverthrow";
import type { AdapterMeta } from "../shared/adapter-meta.ts";
import type { StorageError } from "../shared/storage.errors.ts";

/** Contract id of {@link SigningSessionStore}; conformance: `describeSigningSessionStoreContract`. */
export const SIGNING_SESSION_STORE_CONTRACT = "signing-session-store@1" as const;

/**
 * What a signing session record is: the relying party's **draft** (what is signed, the capabilities that
 * may finish it, its state and outcome — docs/adr/0025) or a **signer**'s session (the Digital
 * Authentication App's pending authorization: state, nonce, PKCE verifier, transaction — ADR 23).
 */
export type SigningSessionKind = "draft" | "signer";

/**
 * One record of a signing session, for the few minutes a signature takes. The store does not read
 * `data`: its shape belongs to whoever wrote it (the signing routes, the app's signer), and it is
 * secret — hashes of capabilities, the PKCE verifier, the application's personal data, the CMS — so
 * an adapter that persists it seals it at rest (envelope encryption with the KeyStore).
 */
export interface SigningSessionRecord {
  readonly kind: SigningSessionKind;
  /** Random and unguessable (256 bits); unique per kind. */
  readonly id: string;
  /**
   * A second key the record is found by (a draft: the SHA-256 of its hand-off token), unique per kind
   * among the records that have one; null without.
   */
  readonly lookupKey: string | null;
  /** After this the record is of no use; {@link SigningSessionStore.removeExpired} forgets it. */
  readonly expiresAt: Date;
  /** The record's content (JSON text, secret). */
  readonly data: string;
}

/** A record as stored, with its version: each successful write adds one (optimistic concurrency). */
export interface StoredSigningSession extends SigningSessionRecord {
  readonly version: number;
}

/**
 * Port: signing sessions shared by every instance of the service, so a signature started on one
 * instance finishes on another (no sticky sessions). Writes are compare-and-set on the version, so
 * two instances finishing one draft at once cannot both win. Absent is `Ok(null)`; an expired record
 * is still answered until it is removed (the caller tells "expired" from "unknown").
 */
export interface SigningSessionStore {
  readonly meta: AdapterMeta;
  /** Stores a new record at version 1; `StorageError{reason:"conflict"}` when its id or lookup key is taken (in its kind). */
  insert(record: SigningSessionRecord): ResultAsync<void, StorageError>;
  get(kind: SigningSessionKind, id: string): ResultAsync<StoredSigningSession | null, StorageError>;
  findByLookupKey(kind: SigningSessionKind, lookupKey: string): ResultAsync<StoredSigningSession | null, StorageError>;
  /**
   * Replaces the record `record.id` (its lookup key, expiry and data) if it is still at
   * `expectedVersion`: answers the new version, or null when it is absent or another writer was first.
   * A lookup key taken by another record of the kind is `conflict`.
   */
  replace(record: SigningSessionRecord, expectedVersion: number): ResultAsync<number | null, StorageError>;
  /** Forgets a record; `false` when there was none. */
  remove(kind: SigningSessionKind, id: string): ResultAsync<boolean, StorageError>;
  /** Forgets every record (of both kinds) that expired at or before `at`; answers how many. */
  removeExpired(at: Date): ResultAsync<number, StorageError>;
  healthCheck(): ResultAsync<void, StorageError>;
}
