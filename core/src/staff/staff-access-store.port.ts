import type { ResultAsync } from "neverthrow";
import type { AdapterMeta } from "../shared/adapter-meta.ts";
import type { StaffId } from "../shared/ids.ts";
import type { StorageError } from "../shared/storage.errors.ts";
import type { AuditEntryDraft } from "../audit/audit-entry.ts";
import type { AccessInvariant, AccessInvariantViolated } from "./access-invariant.ts";
import type { StaffGroup, StaffGroupId } from "./staff-group.ts";
import { staffAccessOf, type RoleAssignment, type StaffAccess, type StaffAccessSnapshot } from "./staff-access.ts";

/**
 * Contract id of {@link StaffAccessStore}; conformance: `describeStaffAccessStoreContract`.
 * Major 2 (docs/adr/0016-staff-authorization.md): writes append their audit entries and check an
 * invariant in their own transaction.
 */
export const STAFF_ACCESS_STORE_CONTRACT = "staff-access-store@2" as const;

/**
 * What goes with one write, in its transaction (as `ApplicationStore`'s `audit` parameter does).
 * Only a write that changes something appends `audit` and checks `invariant`; a write that changes
 * nothing writes nothing. When `invariant` fails, neither the change nor the audit entries are
 * written and the write answers {@link AccessInvariantViolated}.
 */
export interface AccessWrite {
  /** Chained after the audit log's head, serialised with every other append (core's `sealAuditEntries`). */
  readonly audit?: readonly AuditEntryDraft[];
  /** Checked on the configuration before and after the write, inside the transaction. */
  readonly invariant?: AccessInvariant;
}

/**
 * {@link AccessWrite} of `saveGroup`: a save always writes (it creates the group or replaces its name
 * and scope), so its entries are always appended; they are built from whether it created the group.
 */
export interface GroupSave {
  readonly audit?: (created: boolean) => readonly AuditEntryDraft[];
  readonly invariant?: AccessInvariant;
}

/** What a write of {@link StaffAccessStore} can fail with. */
export type AccessWriteError = StorageError | AccessInvariantViolated;

/**
 * Port: persistence of access control — staff groups, memberships and role assignments (docs/adr/0016-staff-authorization.md).
 * Staff accounts themselves live in the `StaffStore`; this store only refers to their ids. Every
 * write is idempotent (adding what exists or removing what does not is not an error) and answers
 * whether it changed anything; its audit entries are appended in the same transaction only when it did
 * ({@link AccessWrite}). Writes are serialised with each other, so an invariant checked in one cannot
 * be undone by a concurrent one.
 */
export interface StaffAccessStore {
  readonly meta: AdapterMeta;
  /** Creates or replaces a group (name and scope). Answers true when it was created. */
  saveGroup(group: StaffGroup, write?: GroupSave): ResultAsync<boolean, AccessWriteError>;
  /** Deletes a group with its memberships and role assignments. Answers whether it existed. */
  deleteGroup(id: StaffGroupId, write?: AccessWrite): ResultAsync<boolean, AccessWriteError>;
  /** Adds a member. Fails with `StorageError{reason:"conflict"}` when the group does not exist (nothing audited). */
  addMember(groupId: StaffGroupId, staffId: StaffId, write?: AccessWrite): ResultAsync<boolean, AccessWriteError>;
  removeMember(groupId: StaffGroupId, staffId: StaffId, write?: AccessWrite): ResultAsync<boolean, AccessWriteError>;
  /** Assigns a role. Fails with `StorageError{reason:"conflict"}` when the holder is a group that does not exist (nothing audited). */
  assignRole(assignment: RoleAssignment, write?: AccessWrite): ResultAsync<boolean, AccessWriteError>;
  revokeRole(assignment: RoleAssignment, write?: AccessWrite): ResultAsync<boolean, AccessWriteError>;
  /** The whole configuration (tens of groups, hundreds of staff: small), in a stable order. */
  snapshot(): ResultAsync<StaffAccessSnapshot, StorageError>;
  healthCheck(): ResultAsync<void, StorageError>;
}

/** One staff member's access, derived from {@link StaffAccessStore.snapshot} so adapters stay small. */
export const readStaffAccess = (store: StaffAccessStore, staffId: StaffId): ResultAsync<StaffAccess, StorageError> =>
  store.snapshot().map((s) => staffAccessOf(s, staffId));
