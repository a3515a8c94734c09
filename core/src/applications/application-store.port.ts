import type { ResultAsync } from "neverthrow";
import type { AdapterMeta } from "../shared/adapter-meta.ts";
import type { ApplicationId, ProcedureId, ReceiptNumber } from "../shared/ids.ts";
import type { StorageError } from "../shared/storage.errors.ts";
import type { OutboxMessage } from "../notifications/outbox.ts";
import type { AuditEntryDraft } from "../audit/audit-entry.ts";
import type { Application } from "./application.ts";
import type { ApplicationStatus } from "./application-status.ts";
import type { ConcurrentModification } from "./application.errors.ts";

/**
 * Contract id of {@link ApplicationStore}; conformance: `describeApplicationStoreContract`.
 * Major 2 (docs/adr/0011-audit-log.md): writes also append audit entries in their transaction.
 * Major 3 (docs/adr/0033-application-retention.md): finished applications are found by when they finished and purged.
 */
export const APPLICATION_STORE_CONTRACT = "application-store@3" as const;

/** One application to purge, at the version it was read: a changed one is not deleted. */
export interface PurgeTarget {
  readonly id: ApplicationId;
  readonly version: number;
}

/** Filter and page of {@link ApplicationStore.list}. Results are ordered by submittedAt desc, then id. */
export interface ApplicationQuery {
  readonly statuses?: readonly ApplicationStatus[];
  readonly procedureIds?: readonly ProcedureId[];
  /** Only the applications submitted by this resident account (R8: "my applications"). */
  readonly residentAccountId?: string;
  readonly limit: number;
  readonly offset: number;
}

export interface ApplicationPage {
  readonly items: readonly Application[];
  /** Number of applications matching the filter, ignoring limit/offset. */
  readonly total: number;
}

/**
 * Port: persistence of applications, with the transactional outbox and audit log. Every write stores
 * the application, its outbox messages and its audit entries in one transaction, or none of them.
 * Audit entries are chained after the audit log's head inside that transaction (core's
 * `sealAuditEntries`), serialised with every other append, exactly as `AuditLogStore.append` does. Personal data (applicant,
 * request answers, signature evidence, history reasons) must be encrypted at rest by persistent
 * adapters.
 */
export interface ApplicationStore {
  readonly meta: AdapterMeta;
  /**
   * Inserts a new application (version 1). Fails with `StorageError{reason:"conflict"}` if the id,
   * receipt number or submission key already exists (nothing is written then). `audit` (default
   * none) is appended to the audit log in the same transaction.
   */
  insert(application: Application, outbox: readonly OutboxMessage[], audit?: readonly AuditEntryDraft[]): ResultAsync<void, StorageError>;
  /**
   * Replaces the stored application if its stored version equals `expectedVersion`
   * (`application.version` must be `expectedVersion + 1`); otherwise nothing is written and the
   * result is `ConcurrentModification`. `audit` (default none) is appended to the audit log in the
   * same transaction.
   */
  update(
    application: Application,
    expectedVersion: number,
    outbox: readonly OutboxMessage[],
    audit?: readonly AuditEntryDraft[],
  ): ResultAsync<void, StorageError | ConcurrentModification>;
  findById(id: ApplicationId): ResultAsync<Application | null, StorageError>;
  findByReceiptNumber(receiptNumber: ReceiptNumber): ResultAsync<Application | null, StorageError>;
  findBySubmissionKey(submissionKey: string): ResultAsync<Application | null, StorageError>;
  list(query: ApplicationQuery): ResultAsync<ApplicationPage, StorageError>;
  /**
   * Up to `limit` finished applications (a terminal status: 完了, 不受理, 取下げ) whose finish time — core's
   * `applicationFinishedAt` — is strictly before `before`, the earliest finished first, then by id. In-process
   * applications are never returned.
   */
  listFinishedBefore(before: Date, limit: number): ResultAsync<readonly Application[], StorageError>;
  /**
   * Deletes the targets for good — the row with its wrapped data key (the crypto erase of what copies of it
   * hold) and its outbox messages — and appends `audit` in the same transaction. All or nothing: when one
   * target is gone or no longer at its version, nothing is deleted or appended (`conflict`).
   */
  purge(targets: readonly PurgeTarget[], audit: readonly AuditEntryDraft[]): ResultAsync<void, StorageError>;
  healthCheck(): ResultAsync<void, StorageError>;
  close(): Promise<void>;
}

/**
 * The precondition every {@link ApplicationStore.update} checks first: the new state is exactly one version
 * after the expected one. A violation is a programmer error in the caller (core's use cases never do it),
 * so it throws instead of returning an error.
 */
export const assertNextVersion = (application: Application, expectedVersion: number): void => {
  if (application.version !== expectedVersion + 1) {
    throw new RangeError("application.version must be expectedVersion + 1");
  }
};
