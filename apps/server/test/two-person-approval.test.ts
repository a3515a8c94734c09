import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StaffGroupId, StaffRoleId, type AuditAction } from "@madoguchi/core";
import { call } from "./support/api-client.ts";
import { staffWithSession, submittedApplication } from "./support/staff-access-fixtures.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  // A small threshold so a handful of applications make a "bulk" export; the default retention is 48.
  server = await startTestServer({ MADOGUCHI_AUDIT_RETENTION_MONTHS: "48", MADOGUCHI_EXPORT_APPROVAL_THRESHOLD: "3" });
  (await server.deps.staffAccess.saveGroup({ id: StaffGroupId("all-apps"), name: "全申請", scope: { kind: "all" } }))._unsafeUnwrap();
});
afterAll(async () => {
  await server?.dispose();
});

const RETENTION = "/api/staff/settings/audit-retention";
const url = (path: string) => `${server.staffUrl}${path}`;

/** A staff member with built-in roles, in the all-applications group, with a live (stepped-up unless told) session. */
const member = async (roles: string[], options: { steppedUp?: boolean } = {}) => {
  const me = await staffWithSession(server, roles.join("+"), options);
  for (const role of roles) (await server.deps.staffAccess.assignRole({ roleId: StaffRoleId(role), holder: { kind: "staff", staffId: me.id } }))._unsafeUnwrap();
  (await server.deps.staffAccess.addMember(StaffGroupId("all-apps"), me.id))._unsafeUnwrap();
  return me;
};

const entries = async (actions: AuditAction[], staffId?: string) =>
  (await server.deps.auditLog.read({ ...(staffId === undefined ? {} : { actor: { kind: "staff" as const, id: staffId } }), actions, afterSeq: 0, limit: 1000 }))._unsafeUnwrap();

const retentionNow = async () => (await server.deps.settings.get("audit.retentionMonths"))._unsafeUnwrap()?.value ?? 48;
const ask = (headers: Record<string, string>, kind: string, subject: unknown) => call(url("/api/staff/approvals"), { headers, body: { kind, subject } });
const decide = (headers: Record<string, string>, id: string, decision: "approve" | "reject") => call(url(`/api/staff/approvals/${id}/${decision}`), { headers, body: {} });
const putRetention = (headers: Record<string, string>, body: unknown) => call(url(RETENTION), { method: "PUT", headers, body });

describe("four eyes: shortening the audit retention", () => {
  it("needs another member's approval: self-approval, no permission, disabled and no step-up refused; carried out once by the requester, for that value only — each step audited", async () => {
    const alice = await member(["administrator"]);
    const bob = await member(["administrator"]);

    // Lengthening needs no approval; shortening without one is refused with what to ask for.
    expect((await putRetention(alice.headers, { months: 60 })).status).toBe(200);
    const refused = await putRetention(alice.headers, { months: 24 });
    expect([refused.status, refused.body.error.code]).toEqual([409, "approval.required"]);
    expect(refused.body.error.message).toContain("承認");
    expect(refused.body.approval).toEqual({ kind: "retention.shorten", subject: { months: 24 }, fromMonths: 60 });
    const refusedEn = await putRetention({ ...alice.headers, "accept-language": "en" }, { months: 24 });
    expect(refusedEn.body.error.message).toContain("approval");
    expect(await retentionNow()).toBe(60);
    expect((await entries(["authorization.denied"], alice.id)).map((e) => e.details["reason"])).toEqual(["approval.required", "approval.required"]);

    // Asking for a lengthening, or with an invalid value, is refused; asking without the permission too.
    expect((await ask(alice.headers, "retention.shorten", { months: 72 })).body.error.code).toBe("approval.not_needed");
    expect((await ask(alice.headers, "retention.shorten", { months: 6 })).body.error.code).toBe("approval.invalid_subject");
    const auditor = await member(["auditor"]);
    expect((await ask(auditor.headers, "retention.shorten", { months: 24 })).body.error.code).toBe("approval.not_permitted");

    const created = await ask(alice.headers, "retention.shorten", { months: 24 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: "retention.shorten", subject: { months: 24 }, state: "pending", mine: true, canDecide: false, canCarryOut: false });
    const id = created.body.id as string;

    // The requester cannot approve; neither can members without retention.manage, a disabled one, or one without a recent step-up.
    const self = await decide(alice.headers, id, "approve");
    expect([self.status, self.body.error.code]).toEqual([403, "approval.self_approval"]);
    const noPermission = await decide(auditor.headers, id, "approve");
    expect([noPermission.status, noPermission.body.error.code]).toEqual([403, "approval.not_permitted"]);
    const processor = await member(["processor"]);
    expect((await decide(processor.headers, id, "approve")).body.error.code).toBe("approval.not_permitted");
    const carol = await member(["administrator"]);
    (await server.deps.staffLogin.disable(carol.id, bob.id))._unsafeUnwrap();
    expect((await decide(carol.headers, id, "approve")).body.error.code).toBe("approval.approver_inactive");
    const stale = await member(["administrator"], { steppedUp: false });
    expect((await decide(stale.headers, id, "approve")).body.error.code).toBe("staff.step_up_required");
    const noCsrf = await decide({ cookie: bob.headers.cookie! }, id, "approve");
    expect(noCsrf.body.error.code).toBe("staff.csrf");
    expect((await server.deps.approvals.get(id))._unsafeUnwrap()?.status).toBe("pending");

    // Bob sees it among those he may decide; Alice as her own.
    const bobsList = await call(url("/api/staff/approvals"), { headers: bob.headers });
    expect(bobsList.body.items.find((i: { id: string }) => i.id === id)).toMatchObject({ canDecide: true, mine: false, requestedBy: { id: alice.id } });
    const auditorsList = await call(url("/api/staff/approvals"), { headers: auditor.headers });
    expect(auditorsList.body.items.map((i: { id: string }) => i.id)).not.toContain(id);

    const approved = await decide(bob.headers, id, "approve");
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ state: "approved", decidedBy: { id: bob.id } });
    expect((await decide(bob.headers, id, "reject")).body.error.code).toBe("approval.not_pending");

    // Only Alice carries it out, and only for 24 months.
    const byBob = await putRetention(bob.headers, { months: 24, approvalId: id });
    expect([byBob.status, byBob.body.error.code]).toEqual([403, "approval.not_requester"]);
    const otherValue = await putRetention(alice.headers, { months: 12, approvalId: id });
    expect([otherValue.status, otherValue.body.error.code]).toEqual([409, "approval.subject_mismatch"]);
    expect(await retentionNow()).toBe(60);
    const done = await putRetention(alice.headers, { months: 24, approvalId: id });
    expect(done.status).toBe(200);
    expect(await retentionNow()).toBe(24);

    // Not twice: lengthen again (no approval needed) and try to reuse it.
    expect((await putRetention(alice.headers, { months: 48 })).status).toBe(200);
    const again = await putRetention(alice.headers, { months: 24, approvalId: id });
    expect([again.status, again.body.error.code]).toEqual([409, "approval.already_used"]);
    expect(await retentionNow()).toBe(48);

    // The trail: requested, approved, used — each by whom — and the change itself with from/to.
    const trail = await entries(["approval.requested", "approval.approved", "approval.used"]);
    expect(trail.filter((e) => e.target?.id === id).map((e) => [e.action, e.actor.id, e.details["kind"], e.details["subject"]])).toEqual([
      ["approval.requested", alice.id, "retention.shorten", '{"months":24}'],
      ["approval.approved", bob.id, "retention.shorten", '{"months":24}'],
      ["approval.used", alice.id, "retention.shorten", '{"months":24}'],
    ]);
    expect((await entries(["configuration.changed"], alice.id)).map((e) => e.details)).toEqual([
      { from: 48, to: 60 },
      { from: 60, to: 24 },
      { from: 24, to: 48 },
    ]);
    const denials = (await entries(["authorization.denied"])).filter((e) => e.target?.id === id).map((e) => [e.actor.id, e.details["reason"]]);
    expect(denials).toEqual([
      [alice.id, "approval.self_approval"],
      [auditor.id, "approval.not_permitted"],
      [processor.id, "approval.not_permitted"],
      [carol.id, "approval.approver_inactive"],
      [bob.id, "approval.not_pending"],
      [bob.id, "approval.not_requester"],
      [alice.id, "approval.subject_mismatch"],
      [alice.id, "approval.already_used"],
    ]);
  });

  it("a rejected request cannot be carried out", async () => {
    const alice = await member(["administrator"]);
    const bob = await member(["administrator"]);
    const id = (await ask(alice.headers, "retention.shorten", { months: 36 })).body.id as string;
    expect((await decide(bob.headers, id, "reject")).body.state).toBe("rejected");
    expect((await putRetention(alice.headers, { months: 36, approvalId: id })).body.error.code).toBe("approval.not_approved");
    expect(await retentionNow()).toBe(48);
    expect((await entries(["approval.rejected"], bob.id)).map((e) => e.target?.id)).toEqual([id]);
  });
});

describe("four eyes: bulk exports over the threshold", () => {
  it("an applications export over the threshold is refused, then allowed once after approval for the same filter; under the threshold it works as before", async () => {
    const t = Date.UTC(2026, 10, 20);
    for (let i = 0; i < 4; i++) (await server.deps.applications.insert(submittedApplication("juminhyo", `申請者${i}`, new Date(t + i * 60_000)), []))._unsafeUnwrap();
    for (let i = 0; i < 2; i++) {
      const a = submittedApplication("juminhyo", `処理中${i}`, new Date(t + (10 + i) * 60_000));
      (await server.deps.applications.insert({ ...a, status: "processing" } as typeof a, []))._unsafeUnwrap();
    }
    const alice = await member(["processor"]);
    const bob = await member(["processor"]);

    // Under the threshold (2 rows with this filter): step-up only, as before.
    const small = await fetch(url("/api/staff/applications/export?status=processing"), { headers: alice.headers });
    expect(small.status).toBe(200);
    expect((await entries(["applications.exported"], alice.id)).map((e) => e.details["count"])).toEqual([2]);

    const refused = await call(url("/api/staff/applications/export"), { headers: alice.headers });
    expect([refused.status, refused.body.error.code]).toEqual([409, "approval.required"]);
    const defaults = "receiptNumber,procedure,applicantName,status,submittedAt,feeTotal";
    expect(refused.body.approval).toEqual({ kind: "applications.export", subject: { status: null, columns: defaults }, rowCount: 6, threshold: 3 });
    expect((await entries(["applications.exported"], alice.id))).toHaveLength(1);

    const id = (await ask(alice.headers, "applications.export", { status: null, columns: defaults })).body.id as string;
    expect((await decide(alice.headers, id, "approve")).body.error.code).toBe("approval.self_approval");
    const viewer = await member(["viewer"]);
    expect((await decide(viewer.headers, id, "approve")).body.error.code).toBe("approval.not_permitted");
    expect((await decide(bob.headers, id, "approve")).status).toBe(200);

    // The approval is for "every status": another filter is not released by it.
    const otherFilter = await call(url(`/api/staff/applications/export?status=submitted&approvalId=${id}`), { headers: alice.headers });
    expect([otherFilter.status, otherFilter.body.error.code]).toEqual([409, "approval.subject_mismatch"]);
    // Nor other columns (S3): an approval of the default columns does not release the residents' addresses.
    const otherColumns = await call(url(`/api/staff/applications/export?columns=receiptNumber,address&approvalId=${id}`), { headers: alice.headers });
    expect([otherColumns.status, otherColumns.body.error.code]).toEqual([409, "approval.subject_mismatch"]);
    const csv = await fetch(url(`/api/staff/applications/export?approvalId=${id}`), { headers: alice.headers });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect((await csv.text()).split("\r\n").filter((l) => l !== "")).toHaveLength(7);
    const twice = await call(url(`/api/staff/applications/export?approvalId=${id}`), { headers: alice.headers });
    expect([twice.status, twice.body.error.code]).toEqual([409, "approval.already_used"]);
    expect((await entries(["applications.exported"], alice.id)).map((e) => e.details["count"])).toEqual([2, 6]);
    expect((await entries(["approval.used"], alice.id)).map((e) => e.target?.id)).toEqual([id]);
  });

  it("an audit export over the threshold needs an approval by another holder of audit.view for the same filter", async () => {
    const alice = await member(["auditor"]);
    const bob = await member(["auditor"]);
    const refused = await call(url("/api/staff/audit/export"), { headers: alice.headers });
    expect([refused.status, refused.body.error.code]).toEqual([409, "approval.required"]);
    const subject = { staffId: null, action: null, targetId: null, from: null, to: null };
    expect(refused.body.approval).toMatchObject({ kind: "audit.export", subject, threshold: 3 });
    expect(await entries(["audit.exported"], alice.id)).toEqual([]);

    // A filter matching few entries is under the threshold.
    const few = await fetch(url(`/api/staff/audit/export?staffId=${alice.id}&action=approval.requested`), { headers: alice.headers });
    expect(few.status).toBe(200);

    const id = (await ask(alice.headers, "audit.export", subject)).body.id as string;
    const admin = await member(["processor"]);
    expect((await decide(admin.headers, id, "approve")).body.error.code).toBe("approval.not_permitted");
    expect((await decide(bob.headers, id, "approve")).status).toBe(200);
    const log = await fetch(url(`/api/staff/audit/export?approvalId=${id}`), { headers: alice.headers });
    expect(log.status).toBe(200);
    expect(log.headers.get("content-type")).toContain("application/x-ndjson");
    expect((await fetch(url(`/api/staff/audit/export?approvalId=${id}`), { headers: alice.headers })).status).toBe(409);
    expect((await entries(["audit.exported"], alice.id))).toHaveLength(2);
  });

  it("MADOGUCHI_EXPORT_APPROVAL_THRESHOLD is validated at start", async () => {
    const { loadConfig } = await import("../src/config/config.ts");
    expect(loadConfig({ MADOGUCHI_EXPORT_APPROVAL_THRESHOLD: "-1" }).isErr()).toBe(true);
    expect(loadConfig({ MADOGUCHI_EXPORT_APPROVAL_THRESHOLD: "2.5" }).isErr()).toBe(true);
    expect(loadConfig({ MADOGUCHI_EXPORT_APPROVAL_THRESHOLD: "many" }).isErr()).toBe(true);
    expect(loadConfig({})._unsafeUnwrap().exportApprovalThreshold).toBe(100);
    expect(loadConfig({ MADOGUCHI_EXPORT_APPROVAL_THRESHOLD: "0" })._unsafeUnwrap().exportApprovalThreshold).toBe(0);
  });
});

