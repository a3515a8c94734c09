import fc from "fast-check";
import { expect } from "vitest";
import { AUDIT_LOG_STORE_CONTRACT, sealAuditEntries, type AuditEntry } from "@madoguchi/core";
import { okValue } from "../application-store/application-store.harness.ts";
import { auditDraftsArb } from "./audit.arbitraries.ts";
import { referenceHasher, withAuditStore, type AuditLogStoreCase } from "./audit-log.harness.ts";

/** Splits `items` into consecutive batches of the given sizes (the rest in the last). */
const batches = <T>(items: readonly T[], cuts: readonly number[]): T[][] => {
  const out: T[][] = [];
  let from = 0;
  for (const c of cuts) {
    const to = Math.min(items.length, from + c);
    if (to > from) out.push(items.slice(from, to));
    from = to;
  }
  if (from < items.length) out.push(items.slice(from));
  return out;
};

/** Append and read: the chain the store builds is exactly core's `sealAuditEntries`. */
export const appendCases: readonly AuditLogStoreCase[] = [
  {
    name: "declares the audit-log-store@1 contract",
    run: (make) =>
      withAuditStore(make, async ({ auditLog }) => {
        expect(auditLog.meta.contract).toBe(AUDIT_LOG_STORE_CONTRACT);
        await okValue(auditLog.healthCheck());
      }),
  },
  {
    name: "an empty log has no head, entries, segments or checkpoints",
    run: (make) =>
      withAuditStore(make, async ({ auditLog }) => {
        expect(await okValue(auditLog.head())).toBeNull();
        expect(await okValue(auditLog.read({ afterSeq: 0, limit: 10 }))).toEqual([]);
        expect(await okValue(auditLog.segments())).toEqual([]);
        expect(await okValue(auditLog.checkpoints())).toEqual([]);
      }),
  },
  {
    name: "append in batches gives the chain of sealAuditEntries, read back deep-equal, head at the last entry",
    run: (make, options) =>
      fc.assert(
        fc.asyncProperty(auditDraftsArb(0, 12), fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 4 }), async (drafts, cuts) =>
          withAuditStore(make, async ({ auditLog }) => {
            const returned: AuditEntry[] = [];
            for (const batch of batches(drafts, cuts)) returned.push(...(await okValue(auditLog.append(batch))));
            const expected = sealAuditEntries(referenceHasher, null, drafts);
            expect(returned).toStrictEqual(expected);
            expect(await okValue(auditLog.read({ afterSeq: 0, limit: 1000 }))).toStrictEqual(expected);
            const last = expected.at(-1);
            expect(await okValue(auditLog.head())).toStrictEqual(last === undefined ? null : { seq: last.seq, segment: last.segment, hash: last.hash });
          }),
        ),
        { numRuns: options.numRuns ?? 20 },
      ),
  },
  {
    name: "appending nothing writes nothing",
    run: (make) =>
      withAuditStore(make, async ({ auditLog }) => {
        expect(await okValue(auditLog.append([]))).toEqual([]);
        expect(await okValue(auditLog.head())).toBeNull();
      }),
  },
  {
    name: "concurrent appends are serialised: consecutive sequence numbers, one unbroken chain",
    run: (make) =>
      withAuditStore(make, async ({ auditLog }) => {
        const drafts = fc.sample(auditDraftsArb(12, 12), { numRuns: 1, seed: 41 })[0]!;
        const results = await Promise.all(drafts.map((d, i) => auditLog.append(i % 3 === 0 ? [d, d] : [d])));
        for (const r of results) expect(r.isOk()).toBe(true);
        const stored = await okValue(auditLog.read({ afterSeq: 0, limit: 1000 }));
        expect(stored.map((e) => e.seq)).toEqual(stored.map((_, i) => i + 1));
        // Whatever the interleaving, each entry chains to the one before it.
        const resealed = sealAuditEntries(referenceHasher, null, stored);
        expect(stored.map((e) => e.hash)).toEqual(resealed.map((e) => e.hash));
      }),
  },
  {
    name: "segments lists each stored segment with its first and last seq and count, oldest first",
    run: (make, options) =>
      fc.assert(
        fc.asyncProperty(auditDraftsArb(0, 15), async (drafts) =>
          withAuditStore(make, async ({ auditLog }) => {
            const entries = await okValue(auditLog.append(drafts));
            const expected: { segment: string; firstSeq: number; lastSeq: number; entries: number }[] = [];
            for (const e of entries) {
              const last = expected.at(-1);
              if (last?.segment === e.segment) {
                last.lastSeq = e.seq;
                last.entries += 1;
              } else expected.push({ segment: e.segment, firstSeq: e.seq, lastSeq: e.seq, entries: 1 });
            }
            expect(await okValue(auditLog.segments())).toStrictEqual(expected);
          }),
        ),
        { numRuns: options.numRuns ?? 20 },
      ),
  },
];
