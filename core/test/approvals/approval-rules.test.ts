import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  APPROVAL_KINDS,
  APPROVAL_PENDING_MS,
  APPROVAL_PERMISSION,
  APPROVAL_USE_WINDOW_MS,
  approvalStateAt,
  decideApproval,
  newApprovalRequest,
  useApproval,
  type ApprovalKind,
  type ApprovalRequest,
  type Approver,
  type StaffPermission,
} from "../../src/index.ts";

const T0 = new Date("2026-11-01T00:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

const subjectOf: Record<ApprovalKind, Record<string, unknown>> = {
  "retention.shorten": { months: 24 },
  "applications.retention.shorten": { months: 6 },
  "applications.export": { status: "submitted" },
  "audit.export": { staffId: null, action: "application.viewed", targetId: null, from: "2026-10-01", to: null },
  "fee.change": { applicationId: "app-1", from: 1810, to: 460 },
};

const request = (kind: ApprovalKind = "retention.shorten", by = "alice"): ApprovalRequest =>
  newApprovalRequest({ id: "r1", kind, subject: subjectOf[kind], requestedBy: by, now: T0 })._unsafeUnwrap();

const approver = (staffId: string, permissions: StaffPermission[] = ["retention.manage", "applications.export", "audit.view"], active = true): Approver => ({
  staffId,
  active,
  permissions: new Set(permissions),
});

const refusal = <T>(r: { isErr(): boolean; _unsafeUnwrapErr(): { code: string } } & T) => (r.isErr() ? r._unsafeUnwrapErr().code : "ok");

describe("a two-person approval request", () => {
  it("is pending until it lapses after the pending window; its subject is decoded against its kind", () => {
    const r = request();
    expect(r).toMatchObject({ status: "pending", version: 1, requestedBy: "alice", subject: { months: 24 }, decidedBy: null, usableUntil: null });
    expect(approvalStateAt(r, at(APPROVAL_PENDING_MS - 1))).toBe("pending");
    expect(approvalStateAt(r, at(APPROVAL_PENDING_MS))).toBe("expired");
    for (const bad of [{ months: 11 }, { months: 24.5 }, { months: "24" }, {}, null])
      expect(refusal(newApprovalRequest({ id: "x", kind: "retention.shorten", subject: bad, requestedBy: "a", now: T0 })), JSON.stringify(bad)).toBe("approval.invalid_subject");
    expect(refusal(newApprovalRequest({ id: "x", kind: "applications.export", subject: { status: 3 }, requestedBy: "a", now: T0 }))).toBe("approval.invalid_subject");
    for (const bad of [{ applicationId: "a", from: 1, to: 0.5 }, { applicationId: "", from: 1, to: 0 }, { applicationId: "a", from: -1, to: 0 }, { applicationId: "a", to: 0 }])
      expect(refusal(newApprovalRequest({ id: "x", kind: "fee.change", subject: bad, requestedBy: "a", now: T0 })), JSON.stringify(bad)).toBe("approval.invalid_subject");
  });

  it("is never approved by the requester, a disabled or unknown approver, or one without the kind's permission", () => {
    for (const kind of APPROVAL_KINDS) {
      const r = request(kind);
      expect(refusal(decideApproval(r, approver("alice"), "approve", at(1)))).toBe("approval.self_approval");
      expect(refusal(decideApproval(r, approver("alice"), "reject", at(1)))).toBe("approval.self_approval");
      expect(refusal(decideApproval(r, approver("bob", undefined, false), "approve", at(1)))).toBe("approval.approver_inactive");
      const others = (["retention.manage", "applications.export", "audit.view", "staff.manage", "fees.change"] as StaffPermission[]).filter((p) => p !== APPROVAL_PERMISSION[kind]);
      expect(refusal(decideApproval(r, approver("bob", others), "approve", at(1))), kind).toBe("approval.not_permitted");
      expect(decideApproval(r, approver("bob", [APPROVAL_PERMISSION[kind]]), "approve", at(1)).isOk()).toBe(true);
    }
  });

  it("is decided once, before it lapses; approval opens the use window, rejection none", () => {
    const r = request();
    const approved = decideApproval(r, approver("bob"), "approve", at(5))._unsafeUnwrap();
    expect(approved).toMatchObject({ status: "approved", decidedBy: "bob", decidedAt: at(5), usableUntil: at(5 + APPROVAL_USE_WINDOW_MS), version: 2 });
    expect(refusal(decideApproval(approved, approver("carol"), "reject", at(6)))).toBe("approval.not_pending");
    const rejected = decideApproval(r, approver("bob"), "reject", at(5))._unsafeUnwrap();
    expect(rejected).toMatchObject({ status: "rejected", decidedBy: "bob", usableUntil: null });
    expect(refusal(decideApproval(rejected, approver("carol"), "approve", at(6)))).toBe("approval.not_pending");
    expect(refusal(decideApproval(r, approver("bob"), "approve", at(APPROVAL_PENDING_MS)))).toBe("approval.expired");
  });

  it("is carried out once, by the requester, for the approved subject, within the window", () => {
    const approved = decideApproval(request(), approver("bob"), "approve", at(5))._unsafeUnwrap();
    const use = { staffId: "alice", kind: "retention.shorten" as const, subject: { months: 24 }, now: at(10) };
    expect(refusal(useApproval(request(), use))).toBe("approval.not_approved");
    expect(refusal(useApproval(approved, { ...use, staffId: "bob" }))).toBe("approval.not_requester");
    expect(refusal(useApproval(approved, { ...use, subject: { months: 12 } }))).toBe("approval.subject_mismatch");
    expect(refusal(useApproval(approved, { ...use, kind: "audit.export" }))).toBe("approval.subject_mismatch");
    expect(refusal(useApproval(approved, { ...use, now: at(5 + APPROVAL_USE_WINDOW_MS) }))).toBe("approval.expired");
    const used = useApproval(approved, use)._unsafeUnwrap();
    expect(used).toMatchObject({ status: "used", usedAt: at(10), version: 3 });
    expect(refusal(useApproval(used, use))).toBe("approval.already_used");
    const rejected = decideApproval(request(), approver("bob"), "reject", at(5))._unsafeUnwrap();
    expect(refusal(useApproval(rejected, use))).toBe("approval.not_approved");
  });

  it("a subject is the same whatever the order of its keys", () => {
    const audit = decideApproval(request("audit.export"), approver("bob"), "approve", at(1))._unsafeUnwrap();
    const reordered = { to: null, from: "2026-10-01", targetId: null, action: "application.viewed", staffId: null };
    expect(useApproval(audit, { staffId: "alice", kind: "audit.export", subject: reordered, now: at(2) }).isOk()).toBe(true);
  });
});

describe("property: no sequence of steps lets one person request and approve, or use an approval twice", () => {
  const people = ["alice", "bob", "carol", "dave"] as const;
  const step = fc.oneof(
    fc.record({ op: fc.constant("request" as const), who: fc.constantFrom(...people), kind: fc.constantFrom(...APPROVAL_KINDS) }),
    fc.record({
      op: fc.constant("decide" as const),
      who: fc.constantFrom(...people),
      target: fc.nat(5),
      decision: fc.constantFrom("approve" as const, "reject" as const),
      active: fc.boolean(),
      perms: fc.subarray(["retention.manage", "applications.export", "audit.view", "staff.manage"] as StaffPermission[]),
    }),
    fc.record({ op: fc.constant("use" as const), who: fc.constantFrom(...people), target: fc.nat(5), sameSubject: fc.boolean() }),
    fc.record({ op: fc.constant("wait" as const), ms: fc.integer({ min: 0, max: 3 * APPROVAL_USE_WINDOW_MS }) }),
  );

  it("holds over random steps of random people", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        let now = T0.getTime();
        const requests: ApprovalRequest[] = [];
        const uses = new Map<string, number>();
        for (const s of steps) {
          if (s.op === "wait") now += s.ms;
          else if (s.op === "request") {
            requests.push(newApprovalRequest({ id: `r${requests.length}`, kind: s.kind, subject: subjectOf[s.kind], requestedBy: s.who, now: new Date(now) })._unsafeUnwrap());
          } else if (s.op === "decide") {
            const r = requests[s.target];
            if (r === undefined) continue;
            const decided = decideApproval(r, { staffId: s.who, active: s.active, permissions: new Set(s.perms) }, s.decision, new Date(now));
            if (decided.isOk()) {
              // Whoever decided is another, active member holding the kind's permission, and the request was pending.
              expect(s.who).not.toBe(r.requestedBy);
              expect(s.active).toBe(true);
              expect(s.perms).toContain(APPROVAL_PERMISSION[r.kind]);
              expect(approvalStateAt(r, new Date(now))).toBe("pending");
              requests[s.target] = decided.value;
            }
          } else {
            const r = requests[s.target];
            if (r === undefined) continue;
            const subject = s.sameSubject ? r.subject : { ...r.subject, extra: 1 };
            const used = useApproval(r, { staffId: s.who, kind: r.kind, subject, now: new Date(now) });
            if (used.isOk()) {
              expect(s.who).toBe(r.requestedBy);
              expect(r.decidedBy).not.toBe(r.requestedBy);
              expect(r.status).toBe("approved");
              uses.set(r.id, (uses.get(r.id) ?? 0) + 1);
              requests[s.target] = used.value;
            }
          }
        }
        for (const r of requests) {
          if (r.decidedBy !== null) expect(r.decidedBy).not.toBe(r.requestedBy);
          expect(uses.get(r.id) ?? 0).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("fee.change approvals (ADR 26)", () => {
  it("release exactly the approved amounts for the approved application, to a holder of fees.change", () => {
    const r = request("fee.change");
    expect(refusal(decideApproval(r, approver("bob", ["applications.process"]), "approve", at(1)))).toBe("approval.not_permitted");
    const approved = decideApproval(r, approver("bob", ["fees.change"]), "approve", at(1))._unsafeUnwrap();
    const use = { staffId: "alice", kind: "fee.change" as const, now: at(2) };
    expect(refusal(useApproval(approved, { ...use, subject: { applicationId: "app-1", from: 1810, to: 0 } }))).toBe("approval.subject_mismatch");
    expect(refusal(useApproval(approved, { ...use, subject: { applicationId: "app-2", from: 1810, to: 460 } }))).toBe("approval.subject_mismatch");
    expect(refusal(useApproval(approved, { ...use, subject: { to: 460, from: 1810, applicationId: "app-1" } }))).toBe("ok");
  });
});
