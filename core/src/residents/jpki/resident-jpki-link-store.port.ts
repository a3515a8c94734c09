import type { ResultAsync } from "neverthrow";
import type { StorageError } from "../../shared/storage.errors.ts";
import type { ResidentJpkiLink } from "./resident-jpki-link.ts";

/** Contract id of {@link ResidentJpkiLinkStore}; conformance: `describeResidentJpkiLinkStoreContract`. */
export const RESIDENT_JPKI_LINK_STORE_CONTRACT = "resident-jpki-link-store@1" as const;

/**
 * Port: the My Number cards linked to resident accounts for JPKI login (R10). A card's key is unique
 * across all accounts, so a login finds the account from the card alone.
 */
export interface ResidentJpkiLinkStore {
  /** Fails with `StorageError{reason:"conflict"}` when the key is linked already (to anyone). */
  add(accountId: string, link: ResidentJpkiLink): ResultAsync<void, StorageError>;
  /** The account's links, oldest first. */
  list(accountId: string): ResultAsync<readonly ResidentJpkiLink[], StorageError>;
  /** The account a key is linked to, with the link, or null. */
  findByKey(key: string): ResultAsync<{ readonly accountId: string; readonly link: ResidentJpkiLink } | null, StorageError>;
  /** Removes one of the account's links; `false` when the account has no such link. */
  remove(accountId: string, key: string): ResultAsync<boolean, StorageError>;
  /** Removes all of an account's links (the account is deleted). Answers how many. */
  removeAll(accountId: string): ResultAsync<number, StorageError>;
}
