import type { ResultAsync } from "neverthrow";
import type { AdapterMeta } from "../shared/adapter-meta.ts";
import type { StorageError } from "../shared/storage.errors.ts";
import type { AuditChainHead } from "./audit-chain.ts";
import type { AuditCheckpoint } from "./audit-checkpoint.ts";
import type { AuditAction, AuditActor, AuditEntry, AuditEntryDraft, AuditTarget } from "./audit-entry.ts";

/** Contract id of {@link AuditLogStore}; conformance: `describeAuditLogStoreContract`. */
export const AUDIT_LOG_STORE_CONTRACT = "audit-log-store@1" as const;

/**
 * Filter and page of {@link AuditLogStore.read}. Every given criterion must match; results are in
 * sequence order, after `afterSeq`, at most `limit`.
 */
export interface AuditQuery {
  readonly actor?: AuditActor;
  /** Any of these actions (an empty list matches nothing). */
  readonly actions?: readonly AuditAction[];
  readonly target?: AuditTarget;
  /** `at` ≥ from (inclusive). */
  readonly from?: Date;
  /** `at` < to (exclusive). */
  readonly to?: Date;
  /** Only entries with seq > afterSeq (keyset paging; 0 for the start). */
  readonly afterSeq: number;
  readonly limit: number;
}

/** One segment still in the log. */
export interface AuditSegmentSummary {
  readonly segment: string;
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly entries: number;
}

/**
 * Port: the append-only, hash-chained audit log. Appends are serialised: the head is read and the new
 * entries (sealed with core's `sealAuditEntries`) are written in one transaction, so two writers can
 * never chain to the same predecessor. The only deletion is of a whole segment (retention). Entries
 * written together with an application change go through `ApplicationStore.insert/update` instead,
 * in that change's transaction, chained the same way.
 */
export interface AuditLogStore {
  readonly meta: AdapterMeta;
  /** Appends the drafts after the current head, in order, atomically; returns them sealed. */
  append(drafts: readonly AuditEntryDraft[]): ResultAsync<readonly AuditEntry[], StorageError>;
  /** The last entry, or null for an empty log (the newest segment is never deleted, so the head survives retention). */
  head(): ResultAsync<AuditChainHead | null, StorageError>;
  read(query: AuditQuery): ResultAsync<readonly AuditEntry[], StorageError>;
  /** Segments still stored, oldest first. */
  segments(): ResultAsync<readonly AuditSegmentSummary[], StorageError>;
  /** Stores a signed checkpoint. `conflict` if one with the same segment, lastSeq and keyId exists. */
  saveCheckpoint(checkpoint: AuditCheckpoint): ResultAsync<void, StorageError>;
  /** Every checkpoint, kept even after its segment expired, by lastSeq then keyId. */
  checkpoints(): ResultAsync<readonly AuditCheckpoint[], StorageError>;
  /**
   * Deletes every entry of `segment`; returns how many (0 for an unknown segment). Checkpoints stay.
   * `conflict` for the newest segment: the head stays, or the chain could not continue.
   */
  deleteSegment(segment: string): ResultAsync<number, StorageError>;
  healthCheck(): ResultAsync<void, StorageError>;
}
