import type { Application, AuditCheckpoint, AuditEntry, OutboxEntry, StaffAccount } from "@madoguchi/core";

/**
 * Everything the memory store holds. One object shared by the three ports, as one database would
 * be: an application and its outbox messages are written together. Values are stored as private
 * deep copies (see {@link copy}).
 */
export interface MemoryState {
  closed: boolean;
  readonly applications: Map<string, Application>;
  /** receipt number → application id */
  readonly byReceiptNumber: Map<string, string>;
  /** submission key → application id */
  readonly bySubmissionKey: Map<string, string>;
  readonly outbox: Map<string, OutboxEntry>;
  readonly staff: Map<string, StaffAccount>;
  /** The audit log, in sequence order (expired segments removed). */
  audit: AuditEntry[];
  readonly checkpoints: AuditCheckpoint[];
}

/** A fresh, empty state. */
export const emptyMemoryState = (): MemoryState => ({
  closed: false,
  applications: new Map(),
  byReceiptNumber: new Map(),
  bySubmissionKey: new Map(),
  outbox: new Map(),
  staff: new Map(),
  audit: [],
  checkpoints: [],
});

/**
 * Deep copy (Dates included) on the way in and out, so callers can neither change stored state by
 * mutating what they passed nor what they got back — the same isolation a database gives.
 */
export const copy = <T>(value: T): T => structuredClone(value);
