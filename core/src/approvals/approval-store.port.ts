import type { ResultAsync } from "neverthrow";
import type { AuditEntryDraft } from "../audit/audit-entry.ts";
import type { AdapterMeta } from "../shared/adapter-meta.ts";
import type { StorageError } from "../shared/storage.errors.ts";
import type { ApprovalRequest, ApprovalStatus } from "./approval-request.ts";

/** Contract id of {@link ApprovalStore}; conformance: `@madoguchi/conformance/approval-store`. */
export const APPROVAL_STORE_CONTRACT = "approval-store@1" as const;

/** Which requests to list: by stored status, oldest request first. */
export interface ApprovalQuery {
  readonly statuses: readonly ApprovalStatus[];
  readonly limit: number;
}

/**
 * Port: two-person approval requests (docs/adr/0024-two-person-approval.md). Only core changes a
 * request (`core/src/approvals/approval-rules.ts`); the store persists it. Every write appends its
 * audit drafts to the audit log sharing the store's database **in the same transaction**, or writes
 * nothing at all. `update` is conditional on the version (the stored one must be `next.version - 1`),
 * so two approvers deciding at once, or two uses of one approval, give exactly one winner.
 */
export interface ApprovalStore {
  readonly meta: AdapterMeta;
  /** Stores a new request (version 1) with its audit drafts; `conflict` if the id exists. */
  insert(request: ApprovalRequest, audit: readonly AuditEntryDraft[]): ResultAsync<ApprovalRequest, StorageError>;
  /** The request, or null. */
  get(id: string): ResultAsync<ApprovalRequest | null, StorageError>;
  /**
   * Replaces the stored request by `next` if the stored version is `next.version - 1`, appending `audit`
   * in the same transaction; `conflict` (nothing written, nothing appended) otherwise or when absent.
   */
  update(next: ApprovalRequest, audit: readonly AuditEntryDraft[]): ResultAsync<ApprovalRequest, StorageError>;
  /** Requests whose stored status is one of `statuses`, oldest first (then by id), at most `limit`. */
  list(query: ApprovalQuery): ResultAsync<readonly ApprovalRequest[], StorageError>;
  healthCheck(): ResultAsync<void, StorageError>;
}
