import type { ResultAsync } from "neverthrow";
import type { AdapterMeta } from "../shared/adapter-meta.ts";
import type { StorageError } from "../shared/storage.errors.ts";
import type { ResidentAccount, ResidentAccountId } from "./resident-account.ts";

/** Contract id of {@link ResidentAccountStore}; conformance: `describeResidentAccountStoreContract`. */
export const RESIDENT_ACCOUNT_STORE_CONTRACT = "resident-account-store@1" as const;

/**
 * Port: persistence of resident accounts. The email address is personal data: persistent adapters
 * encrypt it at rest and look accounts up by a keyed blind index (an HMAC of the normalised address
 * under a key the database does not hold), so that a copy of the database neither shows addresses
 * nor lets anyone test a guessed address against it.
 */
export interface ResidentAccountStore {
  readonly meta: AdapterMeta;
  /**
   * Inserts a new account (version 1). `StorageError{reason:"conflict"}` if the id or the address
   * (another account's `email`) is taken; nothing is written then.
   */
  insert(account: ResidentAccount): ResultAsync<void, StorageError>;
  findById(id: ResidentAccountId): ResultAsync<ResidentAccount | null, StorageError>;
  /** The account whose current address is `email` (already normalised), or `null`. */
  findByEmail(email: string): ResultAsync<ResidentAccount | null, StorageError>;
  /**
   * Replaces the account if its stored version is `expectedVersion` (`account.version` must be
   * `expectedVersion + 1`): `true` when written, `false` when someone else changed it first (nothing
   * written). `conflict` if the new address belongs to another account.
   */
  update(account: ResidentAccount, expectedVersion: number): ResultAsync<boolean, StorageError>;
  healthCheck(): ResultAsync<void, StorageError>;
}
