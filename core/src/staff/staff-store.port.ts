import type { ResultAsync } from "neverthrow";
import type { StaffId } from "../shared/ids.ts";
import type { StorageError } from "../shared/storage.errors.ts";
import type { StaffAccount } from "./staff-account.ts";

/** Contract id of {@link StaffStore}. */
export const STAFF_STORE_CONTRACT = "staff-store@1" as const;

/** Port: persistence of staff accounts. */
export interface StaffStore {
  /** Fails with `StorageError{reason:"conflict"}` if the id or login id exists. */
  insert(account: StaffAccount): ResultAsync<void, StorageError>;
  findByLoginId(loginId: string): ResultAsync<StaffAccount | null, StorageError>;
  /** The account with this id, or `null` (a session names its staff member by id). */
  findById(id: StaffId): ResultAsync<StaffAccount | null, StorageError>;
  /** Replaces the password hash (a rehash at login, a new password). Answers whether the account exists. */
  updatePasswordHash(id: StaffId, passwordHash: string): ResultAsync<boolean, StorageError>;
  count(): ResultAsync<number, StorageError>;
}
