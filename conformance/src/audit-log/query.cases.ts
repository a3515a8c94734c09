import fc from "fast-check";
import { expect } from "vitest";
import { AUDIT_ACTIONS, type AuditEntry, type AuditQuery } from "@madoguchi/core";
import { okValue } from "../application-store/application-store.harness.ts";
import { auditDraftsArb } from "./audit.arbitraries.ts";
import { withAuditStore, type AuditLogStoreCase } from "./audit-log.harness.ts";

/** The reference semantics of `AuditLogStore.read`. */
export const referenceRead = (entries: readonly AuditEntry[], q: AuditQuery): AuditEntry[] =>
  entries
    .filter((e) => e.seq > q.afterSeq)
    .filter((e) => q.actor === undefined || (e.actor.kind === q.actor.kind && e.actor.id === q.actor.id))
    .filter((e) => q.actions === undefined || q.actions.includes(e.action))
    .filter((e) => q.target === undefined || (e.target !== null && e.target.kind === q.target.kind && e.target.id === q.target.id))
    .filter((e) => q.from === undefined || e.at.getTime() >= q.from.getTime())
    .filter((e) => q.to === undefined || e.at.getTime() < q.to.getTime())
    .sort((a, b) => a.seq - b.seq)
    .slice(0, q.limit);

const queryArb = (entries: readonly AuditEntry[]): fc.Arbitrary<AuditQuery> => {
  const pick = <T>(values: readonly T[]) => (values.length === 0 ? fc.constant(undefined) : fc.option(fc.constantFrom(...values), { nil: undefined }));
  const times = entries.map((e) => e.at);
  return fc
    .record({
      actor: pick(entries.map((e) => e.actor)),
      actions: fc.option(fc.subarray([...AUDIT_ACTIONS], { maxLength: 4 }), { nil: undefined }),
      target: pick(entries.flatMap((e) => (e.target === null ? [] : [e.target]))),
      from: pick(times),
      to: pick(times),
      afterSeq: fc.integer({ min: 0, max: entries.length + 1 }),
      limit: fc.integer({ min: 1, max: 20 }),
    })
    .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as unknown as AuditQuery);
};

/** Filters: actor, action, target, period, keyset paging. */
export const queryCases: readonly AuditLogStoreCase[] = [
  {
    name: "read filters by actor, actions, target and period [from, to), after a seq, at most limit, in seq order",
    run: async (make, options) => {
      // One fixed example first: two actors, a filter on one. The property alone reaches such a query only by
      // chance (an actor filter, and entries of another actor), and once in a while it did not.
      await withAuditStore(make, async ({ auditLog }) => {
        const [first, second] = fc.sample(auditDraftsArb(2, 2), { numRuns: 1, seed: 4 })[0]!;
        const drafts = [
          { ...first!, actor: { kind: "staff", id: "st-actor-a" } },
          { ...second!, actor: { kind: "staff", id: "st-actor-b" } },
        ] as const;
        const entries = await okValue(auditLog.append(drafts));
        const q: AuditQuery = { actor: { kind: "staff", id: "st-actor-a" }, afterSeq: 0, limit: 10 };
        expect(await okValue(auditLog.read(q))).toStrictEqual(referenceRead(entries, q));
      });
      await fc.assert(
        fc.asyncProperty(
          auditDraftsArb(1, 15),
          fc.integer({ min: 0, max: 1_000_000 }),
          async (drafts, seed) =>
            withAuditStore(make, async ({ auditLog }) => {
              const entries = await okValue(auditLog.append(drafts));
              for (const q of fc.sample(queryArb(entries), { numRuns: 8, seed })) {
                expect(await okValue(auditLog.read(q))).toStrictEqual(referenceRead(entries, q));
              }
            }),
        ),
        { numRuns: options.numRuns ?? 20 },
      );
    },
  },
  {
    name: "an empty actions filter matches nothing",
    run: (make) =>
      withAuditStore(make, async ({ auditLog }) => {
        await okValue(auditLog.append(fc.sample(auditDraftsArb(3, 3), { numRuns: 1, seed: 8 })[0]!));
        expect(await okValue(auditLog.read({ actions: [], afterSeq: 0, limit: 10 }))).toEqual([]);
      }),
  },
];
