import type { ResultAsync } from "neverthrow";
import type { AuditEntryDraft } from "../audit/audit-entry.ts";
import type { AdapterMeta } from "../shared/adapter-meta.ts";
import type { StaffId } from "../shared/ids.ts";
import type { StorageError } from "../shared/storage.errors.ts";
import type { StaffAccount } from "./staff-account.ts";

/**
 * Contract id of {@link StaffStore}; conformance: `describeStaffStoreContract`.
 * Major 2 (docs/adr/0020-sessions-and-login-state.md, amendment): the writes append their audit
 * entries in their own transaction, and the store declares itself (`meta`, `healthCheck`).
 * Major 3: the account keeps its notification address (`notificationEmail`, nullable; found as
 * stored, `null` when none), replaced by `updateNotificationEmail`.
 */
export const STAFF_STORE_CONTRACT = "staff-store@3" as const;

/**
 * Port: persistence of staff accounts. The writes take an optional last parameter, `audit`: drafts
 * appended to the audit log, chained after its head (core's `sealAuditEntries`), in the same
 * transaction as the write and only when it wrote (an insert that conflicts, an update of an unknown
 * account append nothing). If the append fails, the write is rolled back and the call fails.
 */
export interface StaffStore {
  readonly meta: AdapterMeta;
  /** Fails with `StorageError{reason:"conflict"}` if the id or login id exists (nothing written, nothing appended). */
  insert(account: StaffAccount, audit?: readonly AuditEntryDraft[]): ResultAsync<void, StorageError>;
  findByLoginId(loginId: string): ResultAsync<StaffAccount | null, StorageError>;
  /** The account with this id, or `null` (a session names its staff member by id). */
  findById(id: StaffId): ResultAsync<StaffAccount | null, StorageError>;
  /** Replaces the password hash (a rehash at login, a new password). Answers whether the account exists (`audit` is appended only then). */
  updatePasswordHash(id: StaffId, passwordHash: string, audit?: readonly AuditEntryDraft[]): ResultAsync<boolean, StorageError>;
  /** Replaces the notification address (`null` clears it). Answers whether the account exists (`audit` is appended only then). */
  updateNotificationEmail(id: StaffId, email: string | null, audit?: readonly AuditEntryDraft[]): ResultAsync<boolean, StorageError>;
  count(): ResultAsync<number, StorageError>;
  healthCheck(): ResultAsync<void, StorageError>;
}
