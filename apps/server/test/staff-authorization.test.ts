import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StaffGroupId, StaffRoleId } from "@madoguchi/core";
import { call, staffLogin } from "./support/api-client.ts";
import { staffWithSession, submittedApplication } from "./support/staff-access-fixtures.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.dispose();
});

describe("staff authorization (examples)", () => {
  it("the demo account starts as administrator in the all-scope group", async () => {
    const snapshot = (await server.deps.staffAccess.snapshot())._unsafeUnwrap();
    expect(snapshot.groups).toEqual([{ id: "all-applications", name: expect.any(String), scope: { kind: "all" } }]);
    const demo = await staffLogin(server);
    expect((await demo.list()).status).toBe(200);
    expect((await call(`${server.staffUrl}/api/staff/audit?limit=1`, { headers: demo.headers })).status).toBe(200);
  });

  it("a staff member without a role is refused with 403 in Japanese or English, and the refusal is recorded", async () => {
    const me = await staffWithSession(server, "norole");
    const ja = await call(`${server.staffUrl}/api/staff/applications`, { headers: me.headers });
    expect(ja.status).toBe(403);
    expect(ja.body.error).toEqual({ code: "staff.forbidden", message: "この操作を行う権限がありません。管理者にお問い合わせください。" });
    const en = await call(`${server.staffUrl}/api/staff/audit`, { headers: { ...me.headers, "accept-language": "en" } });
    expect(en.body.error.message).toBe("You do not have permission for this action. Please ask your administrator.");
    const denied = (await server.deps.auditLog.read({ actor: { kind: "staff", id: me.id }, actions: ["authorization.denied"], afterSeq: 0, limit: 10 }))._unsafeUnwrap();
    expect(denied.map((e) => [e.result, e.details["permission"], e.details["path"]])).toEqual([
      ["denied", "applications.view", "/api/staff/applications"],
      ["denied", "audit.view", "/api/staff/audit"],
    ]);
  });

  it("a viewer sees an application without commands to give (only processors get them)", async () => {
    const me = await staffWithSession(server, "viewer-only");
    const group = StaffGroupId("viewers-all");
    (await server.deps.staffAccess.saveGroup({ id: group, name: "閲覧", scope: { kind: "all" } }))._unsafeUnwrap();
    (await server.deps.staffAccess.addMember(group, me.id))._unsafeUnwrap();
    (await server.deps.staffAccess.assignRole({ roleId: StaffRoleId("viewer"), holder: { kind: "staff", staffId: me.id } }))._unsafeUnwrap();
    const a = submittedApplication("juminhyo", "閲覧 太郎", new Date("2026-11-19T00:00:00Z"));
    (await server.deps.applications.insert(a, []))._unsafeUnwrap();
    const viewed = await call(`${server.staffUrl}/api/staff/applications/${a.id}`, { headers: me.headers });
    expect([viewed.status, viewed.body.allowedCommands]).toEqual([200, []]);
    const demo = await staffLogin(server);
    expect((await demo.detail(a.id)).body.allowedCommands).toContain("receive");
  });

  it("a revoked role counts at once (roles are read on every request)", async () => {
    const me = await staffWithSession(server, "revoked");
    const role = { roleId: StaffRoleId("auditor"), holder: { kind: "staff" as const, staffId: me.id } };
    (await server.deps.staffAccess.assignRole(role))._unsafeUnwrap();
    expect((await call(`${server.staffUrl}/api/staff/audit?limit=1`, { headers: me.headers })).status).toBe(200);
    (await server.deps.staffAccess.revokeRole(role))._unsafeUnwrap();
    expect((await call(`${server.staffUrl}/api/staff/audit?limit=1`, { headers: me.headers })).status).toBe(403);
  });

  it("exports the group's applications as CSV (UTF-8 with BOM or Shift_JIS), neutralises formulas, and records the count", async () => {
    const group = StaffGroupId("koseki-ka");
    (await server.deps.staffAccess.saveGroup({ id: group, name: "戸籍係", scope: { kind: "procedures", procedureIds: ["koseki" as never] } }))._unsafeUnwrap();
    const me = await staffWithSession(server, "exporter");
    (await server.deps.staffAccess.addMember(group, me.id))._unsafeUnwrap();
    (await server.deps.staffAccess.assignRole({ roleId: StaffRoleId("processor"), holder: { kind: "group", groupId: group } }))._unsafeUnwrap();
    const mine = submittedApplication("koseki", "=HYPERLINK(\"http://evil\",\"髙橋\")", new Date("2026-11-20T01:00:00Z"));
    const other = submittedApplication("juminhyo", "住民 花子", new Date("2026-11-20T02:00:00Z"));
    for (const a of [mine, other]) (await server.deps.applications.insert(a, []))._unsafeUnwrap();

    const utf8 = await fetch(`${server.staffUrl}/api/staff/applications/export`, { headers: me.headers });
    expect(utf8.status).toBe(200);
    expect(utf8.headers.get("content-type")).toContain("text/csv; charset=utf-8");
    expect(utf8.headers.get("content-disposition")).toMatch(/^attachment; filename="madoguchi-applications-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = Buffer.from(await utf8.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString("utf8");
    expect(text.split("\r\n")[0]).toBe("受付番号,手続,申請者氏名,状態,申請日時,手数料合計");
    expect(text).toContain(`${mine.receiptNumber},`);
    expect(text).toContain(`"'=HYPERLINK(""http://evil"",""髙橋"")"`);
    expect(text).not.toContain(other.receiptNumber);

    const sjis = await fetch(`${server.staffUrl}/api/staff/applications/export?encoding=shift_jis`, { headers: { ...me.headers, "accept-language": "en" } });
    expect(sjis.headers.get("content-type")).toContain("charset=shift_jis");
    const decoded = iconv.decode(Buffer.from(await sjis.arrayBuffer()), "cp932");
    expect(decoded.split("\r\n")[0]).toBe("Receipt number,Procedure,Applicant name,Status,Submitted at,Total fee");
    expect(decoded).toContain("髙橋");

    expect((await call(`${server.staffUrl}/api/staff/applications/export?encoding=latin1`, { headers: me.headers })).status).toBe(400);

    // S3: the columns staff may choose, with labels and the default ones…
    const offered = await call(`${server.staffUrl}/api/staff/applications/export-columns`, { headers: me.headers });
    expect(offered.body.columns.filter((c: { default: boolean }) => c.default).map((c: { id: string }) => c.id)).toEqual(["receiptNumber", "procedure", "applicantName", "status", "submittedAt", "feeTotal"]);
    expect(offered.body.columns.find((c: { id: string }) => c.id === "address")).toEqual({ id: "address", label: { ja: "住所", en: "Address" }, default: false });
    // …the ones they choose, in their order; an unknown or repeated column is refused, not guessed.
    const chosen = await fetch(`${server.staffUrl}/api/staff/applications/export?columns=applicantName,address,receiptNumber`, { headers: me.headers });
    expect(chosen.status).toBe(200);
    const chosenRows = Buffer.from(await chosen.arrayBuffer()).subarray(3).toString("utf8").split("\r\n");
    expect(chosenRows[0]).toBe("申請者氏名,住所,受付番号");
    expect(chosenRows[1]).toBe(`"'=HYPERLINK(""http://evil"",""髙橋"")",${mine.applicant.address},${mine.receiptNumber}`);
    for (const bad of ["nope", "address,address", "", "address,,status"]) {
      const refused = await call(`${server.staffUrl}/api/staff/applications/export?columns=${encodeURIComponent(bad)}`, { headers: me.headers });
      expect([refused.status, refused.body.error.code], bad).toEqual([400, "export.invalid_columns"]);
    }

    const exported = (await server.deps.auditLog.read({ actor: { kind: "staff", id: me.id }, actions: ["applications.exported"], afterSeq: 0, limit: 10 }))._unsafeUnwrap();
    const perApplication = (await server.deps.auditLog.read({ actor: { kind: "staff", id: me.id }, actions: ["application.exported"], afterSeq: 0, limit: 10 }))._unsafeUnwrap();
    expect(perApplication.map((e) => e.target?.id)).toEqual([mine.id, mine.id, mine.id]);
    expect(exported.map((e) => [e.details["count"], e.details["encoding"], e.details["columns"]])).toEqual([
      [1, "utf-8", "receiptNumber,procedure,applicantName,status,submittedAt,feeTotal"],
      [1, "shift_jis", "receiptNumber,procedure,applicantName,status,submittedAt,feeTotal"],
      [1, "utf-8", "applicantName,address,receiptNumber"],
    ]);
  });
});
