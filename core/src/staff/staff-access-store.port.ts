import type { ResultAsync } from "neverthrow";
import type { AdapterMeta } from "../shared/adapter-meta.ts";
import type { StaffId } from "../shared/ids.ts";
import type { StorageError } from "../shared/storage.errors.ts";
import type { StaffGroup, StaffGroupId } from "./staff-group.ts";
import { staffAccessOf, type RoleAssignment, type StaffAccess, type StaffAccessSnapshot } from "./staff-access.ts";

/** Contract id of {@link StaffAccessStore}; conformance: `describeStaffAccessStoreContract`. */
export const STAFF_ACCESS_STORE_CONTRACT = "staff-access-store@1" as const;

/**
 * Port: persistence of access control — staff groups, memberships and role assignments (docs/adr/0016-staff-authorization.md).
 * Staff accounts themselves live in the `StaffStore`; this store only refers to their ids. Every
 * write is idempotent (adding what exists or removing what does not is not an error) and answers
 * whether it changed anything, so the admin API audits only real changes.
 */
export interface StaffAccessStore {
  readonly meta: AdapterMeta;
  /** Creates or replaces a group (name and scope). Answers true when it was created. */
  saveGroup(group: StaffGroup): ResultAsync<boolean, StorageError>;
  /** Deletes a group with its memberships and role assignments. Answers whether it existed. */
  deleteGroup(id: StaffGroupId): ResultAsync<boolean, StorageError>;
  /** Adds a member. Fails with `StorageError{reason:"conflict"}` when the group does not exist. */
  addMember(groupId: StaffGroupId, staffId: StaffId): ResultAsync<boolean, StorageError>;
  removeMember(groupId: StaffGroupId, staffId: StaffId): ResultAsync<boolean, StorageError>;
  /** Assigns a role. Fails with `StorageError{reason:"conflict"}` when the holder is a group that does not exist. */
  assignRole(assignment: RoleAssignment): ResultAsync<boolean, StorageError>;
  revokeRole(assignment: RoleAssignment): ResultAsync<boolean, StorageError>;
  /** The whole configuration (tens of groups, hundreds of staff: small), in a stable order. */
  snapshot(): ResultAsync<StaffAccessSnapshot, StorageError>;
  healthCheck(): ResultAsync<void, StorageError>;
}

/** One staff member's access, derived from {@link StaffAccessStore.snapshot} so adapters stay small. */
export const readStaffAccess = (store: StaffAccessStore, staffId: StaffId): ResultAsync<StaffAccess, StorageError> =>
  store.snapshot().map((s) => staffAccessOf(s, staffId));
