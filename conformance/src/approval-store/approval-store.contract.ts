import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  APPROVAL_KINDS,
  APPROVAL_STATUSES,
  APPROVAL_STORE_CONTRACT,
  approvalAudit,
  decideApproval,
  newApprovalRequest,
  sealAuditEntries,
  useApproval,
  type ApprovalKind,
  type ApprovalRequest,
  type ApprovalStore,
  type AuditEntryDraft,
  type AuditLogStore,
} from "@madoguchi/core";
import { referenceHasher } from "../audit-log/audit-log.harness.ts";
import { okValue, storageErrorOf, withHarness } from "../shared/store-harness.ts";

/** What the suite tests: the approval store and the audit log sharing its storage (and its transactions). */
export interface ApprovalStoreUnderTest {
  readonly approvals: ApprovalStore;
  /** The audit log each write appends to. */
  readonly auditLog: AuditLogStore;
  close(): Promise<void>;
}

/** Returns a FRESH, empty store on every call (per test and per generated case). */
export type MakeApprovalStore = () => Promise<ApprovalStoreUnderTest>;

/** Tuning of {@link describeApprovalStoreContract}. */
export interface ApprovalStoreContractOptions {
  /** fast-check runs of the model-based property (default 15: every run opens a fresh store). */
  readonly numRuns?: number;
  readonly testTimeout?: number;
}

/** One named check of the contract. */
export interface ApprovalStoreCase {
  readonly name: string;
  readonly run: (make: MakeApprovalStore, options: ApprovalStoreContractOptions) => Promise<void>;
}

const with_ = withHarness<ApprovalStoreUnderTest>;

const T0 = Date.UTC(2026, 10, 1, 9, 0, 0, 123);
const at = (ms: number) => new Date(T0 + ms);
const SUBJECTS: Record<ApprovalKind, Record<string, unknown>> = {
  "retention.shorten": { months: 24 },
  "applications.retention.shorten": { months: 6 },
  "applications.export": { status: null },
  "audit.export": { staffId: "st-1", action: "application.viewed", targetId: null, from: "2026-10-01T00:00:00.000Z", to: null },
  "fee.change": { applicationId: "app-1", from: 1810, to: 460 },
};
const requestOf = (id: string, kind: ApprovalKind = "retention.shorten", by = "st-alice", ms = 0): ApprovalRequest =>
  newApprovalRequest({ id, kind, subject: SUBJECTS[kind], requestedBy: by, now: at(ms) })._unsafeUnwrap();
const approver = (staffId: string) => ({ staffId, active: true, permissions: new Set(["retention.manage", "applications.export", "audit.view"] as const) });
const approve = (r: ApprovalRequest, by = "st-bob", ms = 1000) => decideApproval(r, approver(by), "approve", at(ms))._unsafeUnwrap();
const audit = (action: Parameters<typeof approvalAudit>[0], r: ApprovalRequest, by: string) => approvalAudit(action, r, by, "192.0.2.20", at(r.version * 1000));
const allEntries = (auditLog: AuditLogStore) => okValue(auditLog.read({ afterSeq: 0, limit: 1000 }));
const direct = (ms: number): AuditEntryDraft => ({
  at: at(ms),
  actor: { kind: "system", id: null },
  action: "audit.checkpointed",
  target: { kind: "audit_log", id: "audit-log" },
  result: "success",
  sourceIp: null,
  details: {},
});

export const approvalStoreCases: readonly ApprovalStoreCase[] = [
  {
    name: "declares the approval-store@1 contract and is healthy",
    run: (make) =>
      with_(make, async ({ approvals }) => {
        expect(approvals.meta.contract).toBe(APPROVAL_STORE_CONTRACT);
        await okValue(approvals.healthCheck());
      }),
  },
  {
    name: "a request is read back exactly (kind, subject, people, times, status, version); an unknown id is null",
    run: (make) =>
      with_(make, async ({ approvals }) => {
        expect(await okValue(approvals.get("nope"))).toBeNull();
        for (const kind of APPROVAL_KINDS) {
          const r = requestOf(`r-${kind}`, kind);
          expect(await okValue(approvals.insert(r, []))).toEqual(r);
          expect(await okValue(approvals.get(r.id))).toEqual(r);
        }
        const approved = approve(requestOf("r-retention.shorten"));
        await okValue(approvals.update(approved, []));
        expect(await okValue(approvals.get(approved.id))).toEqual(approved);
        const used = useApproval(approved, { staffId: "st-alice", kind: "retention.shorten", subject: { months: 24 }, now: at(2000) })._unsafeUnwrap();
        await okValue(approvals.update(used, []));
        expect(await okValue(approvals.get(used.id))).toEqual(used);
      }),
  },
  {
    name: "inserting an existing id is a conflict: nothing replaced, nothing appended",
    run: (make) =>
      with_(make, async ({ approvals, auditLog }) => {
        const r = requestOf("r1");
        await okValue(approvals.insert(r, [audit("approval.requested", r, "st-alice")]));
        const other = requestOf("r1", "audit.export", "st-carol");
        expect(await storageErrorOf(approvals.insert(other, [audit("approval.requested", other, "st-carol")]))).toMatchObject({ _tag: "StorageError", reason: "conflict" });
        expect(await okValue(approvals.get("r1"))).toEqual(r);
        expect((await allEntries(auditLog)).map((e) => e.actor.id)).toEqual(["st-alice"]);
      }),
  },
  {
    name: "an update from another version than the stored one, or of an absent request, is a conflict: nothing written, nothing appended",
    run: (make) =>
      with_(make, async ({ approvals, auditLog }) => {
        const r = requestOf("r1");
        await okValue(approvals.insert(r, []));
        const approved = approve(r);
        await okValue(approvals.update(approved, [audit("approval.approved", approved, "st-bob")]));
        // A second decision computed from the version-1 request the other approver read.
        const late = decideApproval(r, approver("st-carol"), "reject", at(1500))._unsafeUnwrap();
        expect(await storageErrorOf(approvals.update(late, [audit("approval.rejected", late, "st-carol")]))).toMatchObject({ reason: "conflict" });
        // Skipping a version is not allowed either.
        expect(await storageErrorOf(approvals.update({ ...approved, version: 5 }, []))).toMatchObject({ reason: "conflict" });
        expect(await storageErrorOf(approvals.update({ ...requestOf("absent"), version: 2 }, []))).toMatchObject({ reason: "conflict" });
        expect(await okValue(approvals.get("r1"))).toEqual(approved);
        expect((await allEntries(auditLog)).map((e) => [e.action, e.actor.id])).toEqual([["approval.approved", "st-bob"]]);
      }),
  },
  {
    name: "each write's audit entries are appended with it, chained with direct appends",
    run: (make) =>
      with_(make, async ({ approvals, auditLog }) => {
        const r = requestOf("r1");
        const approved = approve(r);
        const used = useApproval(approved, { staffId: "st-alice", kind: "retention.shorten", subject: { months: 24 }, now: at(3000) })._unsafeUnwrap();
        const drafts = [direct(0), audit("approval.requested", r, "st-alice"), audit("approval.approved", approved, "st-bob"), audit("approval.used", used, "st-alice"), direct(9000)];
        await okValue(auditLog.append([drafts[0]!]));
        await okValue(approvals.insert(r, [drafts[1]!]));
        await okValue(approvals.update(approved, [drafts[2]!]));
        await okValue(approvals.update(used, [drafts[3]!]));
        await okValue(auditLog.append([drafts[4]!]));
        expect(await allEntries(auditLog)).toStrictEqual(sealAuditEntries(referenceHasher, null, drafts));
      }),
  },
  {
    name: "when the audit entry cannot be appended, the request is not written either",
    run: (make) =>
      with_(make, async ({ approvals, auditLog }) => {
        const r = requestOf("r1");
        // An entry whose time is not a date cannot be sealed into the chain: the append fails inside the write.
        const unsealable = { ...audit("approval.requested", r, "st-alice"), at: new Date(Number.NaN) };
        expect((await approvals.insert(r, [unsealable])).isErr()).toBe(true);
        expect(await okValue(approvals.get("r1"))).toBeNull();
        await okValue(approvals.insert(r, [audit("approval.requested", r, "st-alice")]));
        const approved = approve(r);
        expect((await approvals.update(approved, [{ ...audit("approval.approved", approved, "st-bob"), at: new Date(Number.NaN) }])).isErr()).toBe(true);
        expect(await okValue(approvals.get("r1"))).toEqual(r);
        expect((await allEntries(auditLog)).map((e) => e.action)).toEqual(["approval.requested"]);
        // And the store still works afterwards (the failed transaction left nothing locked).
        await okValue(approvals.update(approved, [audit("approval.approved", approved, "st-bob")]));
        expect((await okValue(approvals.get("r1")))?.status).toBe("approved");
      }),
  },
  {
    name: "approvers racing on one request: exactly one decision wins, with exactly one audit entry",
    run: (make) =>
      with_(make, async ({ approvals, auditLog }) => {
        for (let round = 0; round < 3; round++) {
          const r = requestOf(`race-${round}`);
          await okValue(approvals.insert(r, []));
          const deciders = ["st-b", "st-c", "st-d", "st-e", "st-f"];
          const decided = deciders.map((d, i) => decideApproval(r, approver(d), i % 2 === 0 ? "approve" : "reject", at(1000 + i))._unsafeUnwrap());
          const results = await Promise.all(decided.map((d) => approvals.update(d, [approvalAudit(d.status === "approved" ? "approval.approved" : "approval.rejected", d, d.decidedBy!, null, d.decidedAt!)])));
          const winners = results.flatMap((res, i) => (res.isOk() ? [decided[i]!] : []));
          expect(winners).toHaveLength(1);
          for (const res of results) if (res.isErr()) expect(res.error.reason).toBe("conflict");
          expect(await okValue(approvals.get(r.id))).toEqual(winners[0]);
          const entries = (await allEntries(auditLog)).filter((e) => e.target?.id === r.id);
          expect(entries.map((e) => e.actor.id)).toEqual([winners[0]!.decidedBy]);
        }
      }),
  },
  {
    name: "two uses of one approval racing: exactly one is written",
    run: (make) =>
      with_(make, async ({ approvals, auditLog }) => {
        const approved = approve(requestOf("r1"));
        await okValue(approvals.insert(requestOf("r1"), []));
        await okValue(approvals.update(approved, []));
        const uses = [1, 2, 3, 4].map((i) => useApproval(approved, { staffId: "st-alice", kind: "retention.shorten", subject: { months: 24 }, now: at(2000 + i) })._unsafeUnwrap());
        const results = await Promise.all(uses.map((u) => approvals.update(u, [approvalAudit("approval.used", u, "st-alice", null, u.usedAt!)])));
        expect(results.filter((r) => r.isOk())).toHaveLength(1);
        expect((await allEntries(auditLog)).map((e) => e.action)).toEqual(["approval.used"]);
      }),
  },
  {
    name: "list answers the requests of the given statuses, oldest first then by id, at most limit",
    run: (make) =>
      with_(make, async ({ approvals }) => {
        const a = requestOf("b-late", "retention.shorten", "st-1", 5000);
        const b = requestOf("a-early", "applications.export", "st-2", 1000);
        const c = requestOf("c-same", "audit.export", "st-3", 1000);
        for (const r of [a, b, c]) await okValue(approvals.insert(r, []));
        const rejected = decideApproval(c, approver("st-9"), "reject", at(6000))._unsafeUnwrap();
        await okValue(approvals.update(rejected, []));
        expect((await okValue(approvals.list({ statuses: ["pending"], limit: 10 }))).map((r) => r.id)).toEqual(["a-early", "b-late"]);
        expect((await okValue(approvals.list({ statuses: ["pending", "rejected"], limit: 10 }))).map((r) => r.id)).toEqual(["a-early", "c-same", "b-late"]);
        expect((await okValue(approvals.list({ statuses: ["pending", "rejected"], limit: 2 }))).map((r) => r.id)).toEqual(["a-early", "c-same"]);
        expect(await okValue(approvals.list({ statuses: ["used"], limit: 10 }))).toEqual([]);
        expect(await okValue(approvals.list({ statuses: ["rejected"], limit: 10 }))).toEqual([rejected]);
      }),
  },
  {
    name: "model: any sequence of requests, decisions and uses (some from stale reads) reads back as the model, one entry per accepted write",
    run: (make, o) =>
      fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({ op: fc.constantFrom("request", "approve", "reject", "use"), target: fc.nat(3), stale: fc.boolean(), kind: fc.constantFrom<ApprovalKind>("retention.shorten", "applications.export", "audit.export") }),
            { minLength: 1, maxLength: 12 },
          ),
          async (steps) =>
            with_(make, async ({ approvals, auditLog }) => {
              const model = new Map<string, ApprovalRequest>();
              const firstSeen = new Map<string, ApprovalRequest>();
              const drafts: AuditEntryDraft[] = [];
              let clock = 0;
              for (const s of steps) {
                clock += 1000;
                if (s.op === "request") {
                  const r = requestOf(`r${model.size}`, s.kind, "st-req", clock);
                  const d = approvalAudit("approval.requested", r, "st-req", null, at(clock));
                  await okValue(approvals.insert(r, [d]));
                  model.set(r.id, r);
                  firstSeen.set(r.id, r);
                  drafts.push(d);
                  continue;
                }
                const current = model.get(`r${s.target}`);
                if (current === undefined) continue;
                const base = s.stale ? firstSeen.get(current.id)! : current;
                const next =
                  s.op === "use"
                    ? useApproval(base, { staffId: "st-req", kind: base.kind, subject: base.subject, now: at(clock) })
                    : decideApproval(base, approver("st-ok"), s.op, at(clock));
                if (next.isErr()) continue;
                const action = s.op === "use" ? "approval.used" : s.op === "approve" ? "approval.approved" : "approval.rejected";
                const d = approvalAudit(action, next.value, "st-x", null, at(clock));
                const written = await approvals.update(next.value, [d]);
                if (base.version === current.version) {
                  expect(written.isOk()).toBe(true);
                  model.set(current.id, next.value);
                  drafts.push(d);
                } else {
                  expect(written.isErr() && written.error.reason).toBe("conflict");
                }
              }
              for (const [id, r] of model) expect(await okValue(approvals.get(id))).toEqual(r);
              const listed = await okValue(approvals.list({ statuses: APPROVAL_STATUSES, limit: 100 }));
              expect(listed.map((r) => r.id)).toEqual([...model.keys()]);
              expect(await allEntries(auditLog)).toStrictEqual(sealAuditEntries(referenceHasher, null, drafts));
            }),
        ),
        { numRuns: o.numRuns ?? 15 },
      ),
  },
];

/**
 * Registers the approval-store contract: every adapter of `ApprovalStore` (the memory reference first,
 * then each database) runs it, against a fresh store per test and per generated case.
 */
export const describeApprovalStoreContract = (name: string, make: MakeApprovalStore, options: ApprovalStoreContractOptions = {}): void => {
  describe(`ApprovalStore contract (${APPROVAL_STORE_CONTRACT}): ${name}`, () => {
    for (const c of approvalStoreCases) it(c.name, () => c.run(make, options), options.testTimeout ?? 60_000);
  });
};
