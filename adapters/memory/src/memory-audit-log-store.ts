import { createHash } from "node:crypto";
import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import {
  AUDIT_LOG_STORE_CONTRACT,
  sealAuditEntries,
  type AuditChainHead,
  type AuditCheckpoint,
  type AuditEntry,
  type AuditEntryDraft,
  type AuditLogStore,
  type AuditQuery,
  type AuditSegmentSummary,
  type Hasher,
  type StorageError,
} from "@madoguchi/core";
import { closedError, conflictError } from "./memory-errors.ts";
import { copy, type MemoryState } from "./memory-state.ts";

const sha256: Hasher = { sha256Hex: (data) => createHash("sha256").update(data, "utf8").digest("hex") };

const headOf = (state: MemoryState): AuditChainHead | null => {
  const last = state.audit.at(-1);
  return last === undefined ? null : { seq: last.seq, segment: last.segment, hash: last.hash };
};

/**
 * Seals `drafts` after the current head and appends them. Shared with the application store, so that
 * entries written with a change chain exactly like direct appends. JavaScript runs it without
 * interleaving: reading the head and appending are one atomic step.
 */
export const appendAudit = (state: MemoryState, drafts: readonly AuditEntryDraft[]): readonly AuditEntry[] => {
  const sealed = sealAuditEntries(sha256, headOf(state), copy(drafts));
  state.audit.push(...copy(sealed));
  return sealed;
};

const matches = (e: AuditEntry, q: AuditQuery): boolean =>
  e.seq > q.afterSeq &&
  (q.actor === undefined || (e.actor.kind === q.actor.kind && e.actor.id === q.actor.id)) &&
  (q.actions === undefined || q.actions.includes(e.action)) &&
  (q.target === undefined || (e.target !== null && e.target.kind === q.target.kind && e.target.id === q.target.id)) &&
  (q.from === undefined || e.at.getTime() >= q.from.getTime()) &&
  (q.to === undefined || e.at.getTime() < q.to.getTime());

/** The reference {@link AuditLogStore} over the shared memory state. */
export const memoryAuditLogStore = (state: MemoryState): AuditLogStore => {
  const guard = <T>(operation: string, f: () => ResultAsync<T, StorageError>): ResultAsync<T, StorageError> =>
    state.closed ? errAsync(closedError(operation)) : f();
  return {
    meta: { contract: AUDIT_LOG_STORE_CONTRACT, name: "memory", capabilities: new Set() },
    append: (drafts) => guard("audit-log-store.append", () => okAsync(appendAudit(state, drafts))),
    head: () => guard("audit-log-store.head", () => okAsync(headOf(state))),
    read: (query) => guard("audit-log-store.read", () => okAsync(copy(state.audit.filter((e) => matches(e, query)).slice(0, query.limit)))),
    segments: () =>
      guard("audit-log-store.segments", () => {
        const out: AuditSegmentSummary[] = [];
        for (const e of state.audit) {
          const last = out.at(-1);
          if (last?.segment === e.segment) out[out.length - 1] = { ...last, lastSeq: e.seq, entries: last.entries + 1 };
          else out.push({ segment: e.segment, firstSeq: e.seq, lastSeq: e.seq, entries: 1 });
        }
        return okAsync(out);
      }),
    saveCheckpoint: (checkpoint: AuditCheckpoint) =>
      guard("audit-log-store.saveCheckpoint", () => {
        const clash = state.checkpoints.some((c) => c.segment === checkpoint.segment && c.lastSeq === checkpoint.lastSeq && c.keyId === checkpoint.keyId);
        if (clash) return errAsync(conflictError("audit-log-store.saveCheckpoint", "checkpoint"));
        state.checkpoints.push(copy(checkpoint));
        return okAsync(undefined);
      }),
    checkpoints: () =>
      guard("audit-log-store.checkpoints", () =>
        okAsync(copy([...state.checkpoints].sort((a, b) => a.lastSeq - b.lastSeq || (a.keyId < b.keyId ? -1 : a.keyId > b.keyId ? 1 : 0)))),
      ),
    deleteSegment: (segment: string) =>
      guard("audit-log-store.deleteSegment", () => {
        if (state.audit.at(-1)?.segment === segment) {
          return errAsync(conflictError("audit-log-store.deleteSegment", "the newest segment (the chain's head)"));
        }
        const before = state.audit.length;
        state.audit = state.audit.filter((e) => e.segment !== segment);
        return okAsync(before - state.audit.length);
      }),
    healthCheck: () => guard("audit-log-store.healthCheck", () => okAsync(undefined)),
  };
};
