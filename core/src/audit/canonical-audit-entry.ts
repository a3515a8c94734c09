import canonicalize from "canonicalize";
import type { AuditEntry } from "./audit-entry.ts";

/** Type tag of the hashed entry document; a new major changes what is hashed and how. */
export const CANONICAL_AUDIT_ENTRY_TYPE = "madoguchi.audit-entry/v1" as const;

/**
 * The RFC 8785 (JCS) canonical JSON of an entry without its hash: what the chain hashes. The same
 * entry always gives the same bytes, whatever the key order of `details` or the database it came from.
 */
export const canonicalAuditEntry = (entry: Omit<AuditEntry, "hash">): string => {
  const json = canonicalize({
    type: CANONICAL_AUDIT_ENTRY_TYPE,
    seq: entry.seq,
    segment: entry.segment,
    at: entry.at.toISOString(),
    actor: { kind: entry.actor.kind, id: entry.actor.id },
    action: entry.action,
    target: entry.target === null ? null : { kind: entry.target.kind, id: entry.target.id },
    result: entry.result,
    sourceIp: entry.sourceIp,
    details: { ...entry.details },
  });
  // Only non-JSON values (undefined, NaN, functions) make canonicalize fail: a programmer error.
  if (json === undefined) throw new TypeError("audit entry is not serialisable");
  return json;
};
