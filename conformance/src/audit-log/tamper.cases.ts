import fc from "fast-check";
import { expect } from "vitest";
import { checkpointAuditLog, verifyStoredAuditLog } from "@madoguchi/core";
import { okValue } from "../application-store/application-store.harness.ts";
import { auditDraftsArb } from "./audit.arbitraries.ts";
import { testSigner, withAuditStore, type AuditLogStoreCase, type AuditLogStoreUnderTest } from "./audit-log.harness.ts";
import { trusting } from "./checkpoint.cases.ts";

const tamperHooks = (store: AuditLogStoreUnderTest) => {
  if (store.tamper === undefined) throw new Error("unreachable: tamper cases run only with tamper hooks");
  return store.tamper;
};

/**
 * Edits behind the port's back (raw SQL, a file editor) are caught by verification. Run only when the
 * adapter gives `tamper` hooks.
 */
export const tamperCases: readonly AuditLogStoreCase[] = [
  {
    name: "tamper: a raw edit of a stored entry is hash_mismatch at that entry",
    run: (make) =>
      withAuditStore(make, async (store) => {
        const signer = testSigner();
        const entries = await okValue(store.auditLog.append(fc.sample(auditDraftsArb(8, 8), { numRuns: 1, seed: 91 })[0]!));
        await okValue(checkpointAuditLog({ auditLog: store.auditLog, signer, clock: { now: () => new Date("2026-02-01T00:00:00Z") } }));
        const victim = entries[4]!;
        await tamperHooks(store).setResult(victim.seq, victim.result === "denied" ? "success" : "denied");
        const result = await verifyStoredAuditLog({ auditLog: store.auditLog, ...trusting(signer) }, []);
        expect(result._unsafeUnwrapErr()).toMatchObject({ _tag: "AuditChainBroken", reason: "hash_mismatch", seq: victim.seq });
      }),
  },
  {
    name: "tamper: a raw delete of an entry is sequence_gap at it; of the newest, truncated against the external copy",
    run: (make) =>
      withAuditStore(make, async (store) => {
        const signer = testSigner();
        const entries = await okValue(store.auditLog.append(fc.sample(auditDraftsArb(8, 8), { numRuns: 1, seed: 97 })[0]!));
        const external = await okValue(checkpointAuditLog({ auditLog: store.auditLog, signer, clock: { now: () => new Date("2026-02-01T00:00:00Z") } }));
        await tamperHooks(store).deleteEntry(entries[2]!.seq);
        const gap = await verifyStoredAuditLog({ auditLog: store.auditLog, ...trusting(signer) }, external);
        expect(gap._unsafeUnwrapErr()).toMatchObject({ reason: "sequence_gap", seq: entries[2]!.seq });
      }),
  },
  {
    name: "tamper: a cut-off tail is truncated against the external checkpoint copy",
    run: (make) =>
      withAuditStore(make, async (store) => {
        const signer = testSigner();
        const entries = await okValue(store.auditLog.append(fc.sample(auditDraftsArb(6, 6), { numRuns: 1, seed: 101 })[0]!));
        const external = await okValue(checkpointAuditLog({ auditLog: store.auditLog, signer, clock: { now: () => new Date("2026-02-01T00:00:00Z") } }));
        const last = entries.at(-1)!;
        await tamperHooks(store).deleteEntry(last.seq);
        const result = await verifyStoredAuditLog({ auditLog: store.auditLog, ...trusting(signer) }, external);
        expect(result._unsafeUnwrapErr()).toMatchObject({ reason: "truncated", seq: last.seq });
      }),
  },
];
