import { createPublicKey, verify } from "node:crypto";
import fc from "fast-check";
import { expect } from "vitest";
import {
  checkpointAuditLog,
  expireAuditSegments,
  verifyStoredAuditLog,
  type AuditCheckpoint,
  type CheckpointSignatureVerifier,
  type CheckpointSigner,
} from "@madoguchi/core";
import { errValue, okValue } from "../application-store/application-store.harness.ts";
import { auditDraftsArb } from "./audit.arbitraries.ts";
import { expectStorageReason, referenceHasher, testSigner, withAuditStore, type AuditLogStoreCase } from "./audit-log.harness.ts";

/** Node's Ed25519 check (the suite's own, independent of the adapter). */
export const referenceSignatureVerifier: CheckpointSignatureVerifier = {
  verify: (publicKey, message, signature) => {
    try {
      const key = createPublicKey({ key: Buffer.from(publicKey, "base64"), format: "der", type: "spki" });
      return verify(null, Buffer.from(message, "utf8"), key, Buffer.from(signature, "base64"));
    } catch {
      return false;
    }
  },
};

/** Verification deps trusting `signer`. */
export const trusting = (signer: CheckpointSigner) => ({
  hasher: referenceHasher,
  signatures: referenceSignatureVerifier,
  trustedKeys: new Map([[signer.keyId, signer.publicKey]]),
});

const fixedClock = (iso: string) => ({ now: () => new Date(iso) });

/** Checkpoints, retention and verification through core's use cases on the real store. */
export const checkpointCases: readonly AuditLogStoreCase[] = [
  {
    name: "checkpoints are stored deep-equal, listed by lastSeq, and a duplicate is a conflict",
    run: (make) =>
      withAuditStore(make, async ({ auditLog }) => {
        const entries = await okValue(auditLog.append(fc.sample(auditDraftsArb(6, 6), { numRuns: 1, seed: 5 })[0]!));
        const cp = (seq: number, keyId: string): AuditCheckpoint => ({
          segment: entries[seq - 1]!.segment,
          lastSeq: seq,
          lastHash: entries[seq - 1]!.hash,
          signedAt: new Date("2026-01-02T03:04:05.678Z"),
          keyId,
          signature: `sig-${seq}-${keyId}`,
        });
        await okValue(auditLog.saveCheckpoint(cp(5, "k1")));
        await okValue(auditLog.saveCheckpoint(cp(2, "k2")));
        await okValue(auditLog.saveCheckpoint(cp(2, "k1")));
        expect(await okValue(auditLog.checkpoints())).toStrictEqual([cp(2, "k1"), cp(2, "k2"), cp(5, "k1")]);
        expectStorageReason(await errValue(auditLog.saveCheckpoint({ ...cp(5, "k1"), signature: "other" })), "conflict");
        expect(await okValue(auditLog.checkpoints())).toHaveLength(3);
      }),
  },
  {
    name: "checkpointAuditLog seals every segment once; the stored log then verifies",
    run: (make, options) =>
      fc.assert(
        fc.asyncProperty(auditDraftsArb(1, 12), async (drafts) =>
          withAuditStore(make, async ({ auditLog }) => {
            const signer = testSigner();
            await okValue(auditLog.append(drafts));
            const made = await okValue(checkpointAuditLog({ auditLog, signer, clock: fixedClock("2026-02-01T00:00:00Z") }));
            const segments = await okValue(auditLog.segments());
            expect(made.map((cp) => cp.lastSeq)).toEqual(segments.map((s) => s.lastSeq));
            expect(await okValue(checkpointAuditLog({ auditLog, signer, clock: fixedClock("2026-02-01T00:00:01Z") }))).toEqual([]);
            const report = await okValue(verifyStoredAuditLog({ auditLog, ...trusting(signer) }, []));
            expect(report).toMatchObject({ entries: drafts.length, firstSeq: 1, lastSeq: drafts.length, checkpoints: segments.length });
          }),
        ),
        { numRuns: options.numRuns ?? 20 },
      ),
  },
  {
    name: "a log longer than one verification page (2,500 entries) verifies page by page",
    run: (make) =>
      withAuditStore(make, async ({ auditLog }) => {
        const signer = testSigner();
        const base = fc.sample(auditDraftsArb(50, 50), { numRuns: 1, seed: 23 })[0]!;
        const drafts = Array.from({ length: 2_500 }, (_, i) => ({ ...base[i % base.length]!, at: new Date(Date.UTC(2025, 0, 1) + i * 3_600_000) }));
        await okValue(auditLog.append(drafts));
        await okValue(checkpointAuditLog({ auditLog, signer, clock: fixedClock("2025-06-01T00:00:00Z") }));
        expect(await okValue(verifyStoredAuditLog({ auditLog, ...trusting(signer) }, []))).toMatchObject({ entries: 2_500, firstSeq: 1, lastSeq: 2_500 });
      }),
  },
  {
    name: "deleteSegment removes exactly that segment's entries and keeps every checkpoint; the newest segment is refused",
    run: (make) =>
      withAuditStore(make, async ({ auditLog }) => {
        const signer = testSigner();
        const entries = await okValue(auditLog.append(fc.sample(auditDraftsArb(15, 15), { numRuns: 1, seed: 17 })[0]!));
        const checkpoints = await okValue(checkpointAuditLog({ auditLog, signer, clock: fixedClock("2026-02-01T00:00:00Z") }));
        const first = entries[0]!.segment;
        const count = entries.filter((e) => e.segment === first).length;
        expect(await okValue(auditLog.deleteSegment(first))).toBe(count);
        expect(await okValue(auditLog.read({ afterSeq: 0, limit: 100 }))).toStrictEqual(entries.filter((e) => e.segment !== first));
        expect(await okValue(auditLog.checkpoints())).toStrictEqual(checkpoints);
        expect(await okValue(auditLog.deleteSegment("1999-01"))).toBe(0);
        expectStorageReason(await errValue(auditLog.deleteSegment(entries.at(-1)!.segment)), "conflict");
        expect((await okValue(auditLog.head()))?.seq).toBe(entries.at(-1)!.seq);
      }),
  },
  {
    name: "retention deletes whole expired sealed segments, audits it, and the log still verifies",
    run: (make, options) =>
      fc.assert(
        fc.asyncProperty(auditDraftsArb(2, 15), fc.integer({ min: 1, max: 30 }), async (drafts, months) =>
          withAuditStore(make, async ({ auditLog }) => {
            const signer = testSigner();
            const entries = await okValue(auditLog.append(drafts));
            await okValue(checkpointAuditLog({ auditLog, signer, clock: fixedClock("2026-02-01T00:00:00Z") }));
            const clock = fixedClock("2026-06-01T00:00:00Z");
            const expired = await okValue(expireAuditSegments({ auditLog, clock }, months));
            const kept = await okValue(auditLog.read({ afterSeq: 0, limit: 1000 }));
            expect(kept.every((e) => !expired.segments.includes(e.segment))).toBe(true);
            expect(expired.entries).toBe(entries.filter((e) => expired.segments.includes(e.segment)).length);
            if (expired.segments.length > 0) expect(kept.at(-1)).toMatchObject({ action: "audit.segments_expired", actor: { kind: "system" } });
            const retention = { now: clock.now(), retentionMonths: months };
            expect((await verifyStoredAuditLog({ auditLog, ...trusting(signer), retention }, [])).isOk()).toBe(true);
          }),
        ),
        { numRuns: options.numRuns ?? 20 },
      ),
  },
];
