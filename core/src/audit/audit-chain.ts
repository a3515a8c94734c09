import type { Hasher } from "../shared/hasher.port.ts";
import type { AuditEntry, AuditEntryDraft } from "./audit-entry.ts";
import { canonicalAuditEntry } from "./canonical-audit-entry.ts";

/** The "previous hash" of entry 1: 64 zeros. */
export const GENESIS_HASH = "0".repeat(64);

/** The last entry of the log: what the next append chains to. */
export interface AuditChainHead {
  readonly seq: number;
  readonly segment: string;
  readonly hash: string;
}

/** The UTC month of `at` as a segment id, e.g. `2026-11`. */
export const segmentOf = (at: Date): string => at.toISOString().slice(0, 7);

/** `hash_n = SHA-256(hash_{n-1} ‖ canonical(entry_n))`, hex in, hex out. */
export const chainHash = (hasher: Hasher, previousHash: string, entry: Omit<AuditEntry, "hash">): string =>
  hasher.sha256Hex(previousHash + canonicalAuditEntry(entry));

/**
 * Gives drafts their place in the chain after `head` (null for an empty log): consecutive sequence
 * numbers, a segment, and the chained hash. The segment is the UTC month of the entry, but never
 * earlier than the head's: with several app instances a clock may lag, and segments must stay in
 * chain order for retention to delete whole prefixes. Adapters call this inside the transaction that
 * read the head, so that appends are serialised.
 */
export const sealAuditEntries = (hasher: Hasher, head: AuditChainHead | null, drafts: readonly AuditEntryDraft[]): readonly AuditEntry[] => {
  const sealed: AuditEntry[] = [];
  let previous = head ?? { seq: 0, segment: "", hash: GENESIS_HASH };
  for (const draft of drafts) {
    const month = segmentOf(draft.at);
    const unsealed: Omit<AuditEntry, "hash"> = {
      seq: previous.seq + 1,
      segment: month > previous.segment ? month : previous.segment,
      at: draft.at,
      actor: draft.actor,
      action: draft.action,
      target: draft.target,
      result: draft.result,
      sourceIp: draft.sourceIp,
      details: draft.details,
    };
    const entry: AuditEntry = { ...unsealed, hash: chainHash(hasher, previous.hash, unsealed) };
    sealed.push(entry);
    previous = entry;
  }
  return sealed;
};
