/** What the staff-access contract's cases share: the harness they get and the helpers they check with. */
import type { Result } from "neverthrow";
import { expect } from "vitest";
import type { AccessWriteError, AuditLogStore, RoleAssignment, StaffAccessSnapshot, StaffAccessStore, StorageError } from "@madoguchi/core";
import type { StoreHarness } from "../shared/store-harness.ts";

/**
 * A fresh, empty store for one test or one generated case, and how to dispose of it. `auditLog` is the
 * audit log the store's writes append to (`staff-access-store@2`), empty too.
 */
export type StaffAccessHarness = StoreHarness<StaffAccessStore> & { readonly auditLog: Pick<AuditLogStore, "append" | "read"> };

/** Builds a {@link StaffAccessHarness} on an empty database. */
export type MakeStaffAccessStore = () => Promise<StaffAccessHarness>;

/** Tuning of {@link describeStaffAccessStoreContract}. */
export interface StaffAccessContractOptions {
  /** fast-check runs of the model-based property (default 40). */
  readonly numRuns?: number;
  readonly testTimeout?: number;
}

/** One named check of the contract: throws (via `expect`) when the adapter breaks it. */
export interface StaffAccessCase {
  readonly name: string;
  readonly run: (make: MakeStaffAccessStore, options: StaffAccessContractOptions) => Promise<void>;
}

/** The StorageError of a failed write, or the test fails. */
export const storageErrorOf = async <T>(pending: PromiseLike<Result<T, AccessWriteError>>): Promise<StorageError> => {
  const result = await pending;
  if (result.isOk()) expect.fail("expected a StorageError, got Ok");
  if (result.error._tag !== "StorageError") expect.fail(`expected a StorageError, got ${result.error._tag}`);
  return result.error;
};

/** A role assignment as one comparable string. */
export const holderKey = (a: RoleAssignment) => `${a.roleId}|${a.holder.kind}|${a.holder.kind === "staff" ? a.holder.staffId : a.holder.groupId}`;

/** A snapshot in a canonical order, so that adapters may order rows as their database does. */
export const normalizedSnapshot = (s: StaffAccessSnapshot): StaffAccessSnapshot => ({
  groups: [...s.groups].sort((a, b) => a.id.localeCompare(b.id)),
  memberships: [...s.memberships].sort((a, b) => `${a.groupId}|${a.staffId}`.localeCompare(`${b.groupId}|${b.staffId}`)),
  assignments: [...s.assignments].sort((a, b) => holderKey(a).localeCompare(holderKey(b))),
});

