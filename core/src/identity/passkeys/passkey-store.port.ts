import type { ResultAsync } from "neverthrow";
import type { StorageError } from "../../shared/storage.errors.ts";
import type { Passkey } from "./passkey.ts";

/** Contract id of {@link PasskeyStore}. */
export const PASSKEY_STORE_CONTRACT = "passkey-store@1" as const;

/** Whose passkey: a staff member or a resident account. */
export interface PasskeyOwner {
  readonly kind: "staff" | "resident";
  readonly accountId: string;
}

/**
 * Port: the passkeys registered to accounts. Credential ids are unique across all accounts (an
 * authenticator never reuses one), so a login can find the account from the credential alone.
 */
export interface PasskeyStore {
  /** Fails with `StorageError{reason:"conflict"}` when the credential id is registered already (to anyone). */
  add(owner: PasskeyOwner, passkey: Passkey): ResultAsync<void, StorageError>;
  /** The owner's passkeys, oldest first. */
  list(owner: PasskeyOwner): ResultAsync<readonly Passkey[], StorageError>;
  /** The passkey with this credential id and its owner, or null. */
  findByCredentialId(credentialId: string): ResultAsync<{ readonly owner: PasskeyOwner; readonly passkey: Passkey } | null, StorageError>;
  /**
   * Records a use: the new counter and time, only if the stored counter is still `expectedSignCount`
   * (two logins racing with one assertion cannot both succeed). `false` when it was not (or the passkey
   * is gone).
   */
  recordUse(credentialId: string, expectedSignCount: number, use: { readonly signCount: number; readonly usedAt: Date }): ResultAsync<boolean, StorageError>;
  /** Removes one of the owner's passkeys; `false` when the owner has no such passkey. */
  remove(owner: PasskeyOwner, credentialId: string): ResultAsync<boolean, StorageError>;
}
