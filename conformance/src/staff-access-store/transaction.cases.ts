import { createHash } from "node:crypto";
import type { Result } from "neverthrow";
import { expect } from "vitest";
import {
  StaffGroupId,
  StaffId,
  StaffRoleId,
  keepsAnAdministrator,
  sealAuditEntries,
  type AccessInvariant,
  type AccessWriteError,
  type AuditAction,
  type AuditEntry,
  type AuditEntryDraft,
  type Hasher,
  type RoleAssignment,
} from "@madoguchi/core";
import { okValue } from "../shared/store-harness.ts";
import type { MakeStaffAccessStore, StaffAccessCase, StaffAccessHarness } from "./staff-access-harness.ts";

/** The suite's own SHA-256, independent of the adapter's. */
const referenceHasher: Hasher = { sha256Hex: (data) => createHash("sha256").update(data, "utf8").digest("hex") };

const withHarness = async (make: MakeStaffAccessStore, use: (h: StaffAccessHarness) => Promise<void>): Promise<void> => {
  const h = await make();
  try {
    await use(h);
  } finally {
    await h.close();
  }
};

let clock = Date.UTC(2026, 10, 1);
/** A draft with a distinct time, so that each stored entry can be told apart. */
const draft = (action: AuditAction, id: string, details: AuditEntryDraft["details"] = {}): AuditEntryDraft => ({
  at: new Date((clock += 1_000)),
  actor: { kind: "staff", id: "admin-1" },
  action,
  target: { kind: "staff_group", id },
  result: "success",
  sourceIp: "192.0.2.7",
  details,
});

const allEntries = async (h: StaffAccessHarness): Promise<readonly AuditEntry[]> => okValue(h.auditLog.read({ afterSeq: 0, limit: 1_000 }));

/** The error value of a write that must fail, or the test fails. */
const errorOf = async <T>(pending: PromiseLike<Result<T, AccessWriteError>>): Promise<AccessWriteError> => {
  const result = await pending;
  if (result.isOk()) expect.fail(`expected an error, got Ok(${String(result.value)})`);
  return result.error;
};

/** Refuses every change: proves the invariant is checked, and that nothing is written when it fails. */
const never: AccessInvariant = { code: "never", holds: () => false };

const g1 = StaffGroupId("chuo-ku");
const g2 = StaffGroupId("kita-ku");
const s1 = StaffId("11111111-1111-4111-8111-111111111111");
const s2 = StaffId("22222222-2222-4222-8222-222222222222");
const admin = StaffRoleId("administrator");
const toStaff = (staffId: StaffId, roleId = admin): RoleAssignment => ({ roleId, holder: { kind: "staff", staffId } });

/** Cases of `staff-access-store@2`: audit entries and the invariant in the write's own transaction. */
export const staffAccessTransactionCases: readonly StaffAccessCase[] = [
  {
    name: "appends a write's audit entries exactly when it changes something, chained after the head",
    run: (make) =>
      withHarness(make, async (h) => {
        const { store } = h;
        const direct = draft("audit.viewed", "before");
        await okValue(h.auditLog.append([direct]));
        const expected: AuditEntryDraft[] = [direct];
        /** Runs a write with one draft; the draft must be stored exactly when the write answers `changed`. */
        const step = async (changed: boolean, write: (audit: readonly AuditEntryDraft[]) => PromiseLike<Result<boolean, AccessWriteError>>, d: AuditEntryDraft) => {
          expect(await okValue(write([d]))).toBe(changed);
          if (changed) expected.push(d);
        };
        /** A save always writes (create, then replace); its entry is built from whether it created the group. */
        const save = async (name: string, created: boolean) => {
          const given: boolean[] = [];
          const d = draft("staff_group.saved", g1, { name });
          const answer = await okValue(store.saveGroup({ id: g1, name, scope: { kind: "all" } }, { audit: (c) => (given.push(c), [{ ...d, details: { ...d.details, created: c } }]) }));
          expect([answer, given]).toEqual([created, [created]]);
          expected.push({ ...d, details: { ...d.details, created } });
        };
        await save("中央区役所 市民課", true);
        await save("中央区役所", false);
        await step(true, (audit) => store.addMember(g1, s1, { audit }), draft("staff_group.member_added", g1, { staffId: s1 }));
        await step(false, (audit) => store.addMember(g1, s1, { audit }), draft("staff_group.member_added", g1, { staffId: s1 }));
        await step(true, (audit) => store.assignRole(toStaff(s2), { audit }), draft("staff_role.assigned", s2));
        await step(false, (audit) => store.assignRole(toStaff(s2), { audit }), draft("staff_role.assigned", s2));
        await step(true, (audit) => store.assignRole({ roleId: StaffRoleId("viewer"), holder: { kind: "group", groupId: g1 } }, { audit }), draft("staff_role.assigned", g1));
        await step(false, (audit) => store.revokeRole(toStaff(s1), { audit }), draft("staff_role.revoked", s1));
        await step(true, (audit) => store.revokeRole(toStaff(s2), { audit }), draft("staff_role.revoked", s2));
        await step(false, (audit) => store.removeMember(g1, s2, { audit }), draft("staff_group.member_removed", g1));
        await step(true, (audit) => store.removeMember(g1, s1, { audit }), draft("staff_group.member_removed", g1));
        await step(true, (audit) => store.deleteGroup(g1, { audit }), draft("staff_group.deleted", g1));
        await step(false, (audit) => store.deleteGroup(g1, { audit }), draft("staff_group.deleted", g1));
        const after = draft("audit.viewed", "after");
        await okValue(h.auditLog.append([after]));
        expected.push(after);
        // The stored log is exactly the expected drafts sealed in order by the suite's own hasher: every
        // entry chained to the one before it, the writes' entries between the direct appends.
        expect(await allEntries(h)).toStrictEqual(sealAuditEntries(referenceHasher, null, expected));
      }),
  },
  {
    name: "a write that fails (missing group) or breaks the invariant changes nothing and audits nothing",
    run: (make) =>
      withHarness(make, async (h) => {
        const { store } = h;
        // Set up without audit entries: s1 is the only administrator, through group g1.
        await okValue(store.saveGroup({ id: g1, name: "管理", scope: { kind: "all" } }));
        await okValue(store.addMember(g1, s1));
        const ofGroup: RoleAssignment = { roleId: admin, holder: { kind: "group", groupId: g1 } };
        await okValue(store.assignRole(ofGroup));
        const before = await okValue(store.snapshot());
        expect(await allEntries(h)).toEqual([]);

        const conflict = (e: AccessWriteError) => (e._tag === "StorageError" ? e.reason : e._tag);
        expect(conflict(await errorOf(store.addMember(g2, s1, { audit: [draft("staff_group.member_added", g2)] })))).toBe("conflict");
        expect(conflict(await errorOf(store.assignRole({ roleId: admin, holder: { kind: "group", groupId: g2 } }, { audit: [draft("staff_role.assigned", g2)] })))).toBe(
          "conflict",
        );
        const violated = { _tag: "AccessInvariantViolated", code: "staff_access.invariant_violated", invariant: "keeps_an_administrator" };
        const inv = { invariant: keepsAnAdministrator };
        expect(await errorOf(store.revokeRole(ofGroup, { ...inv, audit: [draft("staff_role.revoked", g1)] }))).toMatchObject({ ...violated, operation: "staff-access-store.revokeRole" });
        expect(await errorOf(store.removeMember(g1, s1, { ...inv, audit: [draft("staff_group.member_removed", g1)] }))).toMatchObject({
          ...violated,
          operation: "staff-access-store.removeMember",
        });
        expect(await errorOf(store.deleteGroup(g1, { ...inv, audit: [draft("staff_group.deleted", g1)] }))).toMatchObject({ ...violated, operation: "staff-access-store.deleteGroup" });
        // Any write that changes something checks the invariant given, a save and an addition included.
        expect(await errorOf(store.saveGroup({ id: g2, name: "x", scope: { kind: "all" } }, { invariant: never, audit: () => [draft("staff_group.saved", g2)] }))).toMatchObject({
          _tag: "AccessInvariantViolated",
          invariant: "never",
        });
        expect(await errorOf(store.assignRole(toStaff(s2), { invariant: never, audit: [draft("staff_role.assigned", s2)] }))).toMatchObject({ invariant: "never" });
        // A write that changes nothing has nothing to refuse: it answers false, the invariant is not consulted.
        expect(await okValue(store.removeMember(g1, s2, { invariant: never, audit: [draft("staff_group.member_removed", g1)] }))).toBe(false);
        expect(await okValue(store.addMember(g1, s1, { invariant: never, audit: [draft("staff_group.member_added", g1)] }))).toBe(false);

        expect(await okValue(store.snapshot())).toEqual(before);
        expect(await allEntries(h)).toEqual([]);

        // With a second administrator the same removal passes the invariant, and is audited.
        await okValue(store.assignRole(toStaff(s2)));
        const revoked = draft("staff_role.revoked", g1);
        expect(await okValue(store.revokeRole(ofGroup, { ...inv, audit: [revoked] }))).toBe(true);
        expect(await allEntries(h)).toStrictEqual(sealAuditEntries(referenceHasher, null, [revoked]));
      }),
  },
  {
    name: "concurrent revocations of N administrators under 'keeps an administrator' leave exactly one (repeated)",
    run: async (make) => {
      const n = 6;
      const admins = Array.from({ length: n }, (_, i) => StaffId(`00000000-0000-4000-8000-${String(i).padStart(12, "0")}`));
      for (let round = 0; round < 5; round++) {
        await withHarness(make, async (h) => {
          for (const id of admins) await okValue(h.store.assignRole(toStaff(id)));
          const results = await Promise.all(
            admins.map((id) => h.store.revokeRole(toStaff(id), { invariant: keepsAnAdministrator, audit: [draft("staff_role.revoked", id)] })),
          );
          const refused = results.filter((r) => r.isErr());
          expect(results.filter((r) => r.isOk() && r.value).length).toBe(n - 1);
          expect(refused.map((r) => r.isErr() && r.error._tag)).toEqual(["AccessInvariantViolated"]);
          const left = (await okValue(h.store.snapshot())).assignments;
          expect(left).toHaveLength(1);
          // Exactly the revocations that happened are audited, in one unbroken chain.
          const stored = await allEntries(h);
          expect(stored.map((e) => e.seq)).toEqual(Array.from({ length: n - 1 }, (_, i) => i + 1));
          expect(stored).toStrictEqual(sealAuditEntries(referenceHasher, null, stored));
          const leftId = left[0]!.holder.kind === "staff" ? left[0]!.holder.staffId : "";
          expect(stored.map((e) => e.target?.id).sort()).toEqual(admins.filter((id) => id !== leftId).sort());
        });
      }
    },
  },
];
