import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StaffGroupId, StaffRoleId, type Application } from "@madoguchi/core";
import { call } from "./support/api-client.ts";
import { residentClient } from "./support/resident-client.ts";
import { staffWithSession, submittedApplication } from "./support/staff-access-fixtures.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

// S8: the dashboard's numbers and the monthly usage report per procedure, for the procedures of the staff member's
// groups, over months in Japan.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.dispose());

const member = async (groupId: string, scope: Parameters<TestServer["deps"]["staffAccess"]["saveGroup"]>[0]["scope"]) => {
  (await server.deps.staffAccess.saveGroup({ id: StaffGroupId(groupId), name: groupId, scope }))._unsafeUnwrap();
  const me = await staffWithSession(server, "viewer");
  (await server.deps.staffAccess.addMember(StaffGroupId(groupId), me.id))._unsafeUnwrap();
  (await server.deps.staffAccess.assignRole({ roleId: StaffRoleId("viewer"), holder: { kind: "group", groupId: StaffGroupId(groupId) } }))._unsafeUnwrap();
  return me;
};
const stats = (headers: Record<string, string>, query: string) => call(`${server.staffUrl}/api/staff/statistics${query}`, { headers });

describe("S8: usage statistics", () => {
  it("counts the month's applications per procedure by where they stand, the residents' sign-ins, and the procedures; scoped to the groups", async () => {
    const put = async (procedureId: string, iso: string, status: Application["status"]) => {
      const a = submittedApplication(procedureId, "統計 太郎", new Date(iso));
      (await server.deps.applications.insert({ ...a, status } as Application, []))._unsafeUnwrap();
    };
    await put("juminhyo", "2026-10-31T15:00:00Z", "submitted"); // 1 Nov JST
    await put("juminhyo", "2026-11-15T03:00:00Z", "completed");
    await put("koseki", "2026-11-16T03:00:00Z", "rejected");
    await put("koseki", "2026-11-30T15:00:00Z", "submitted"); // 1 Dec JST: December
    await put("juminhyo", "2026-10-31T14:59:00Z", "completed"); // 31 Oct JST: October

    const all = await member("stats-all", { kind: "all" });
    const november = await stats(all.headers, "?month=2026-11");
    expect(november.status).toBe(200);
    expect(november.body).toMatchObject({ month: "2026-11", procedures: 9, applications: 3 });
    const line = (id: string) => november.body.rows.find((r: { procedureId: string }) => r.procedureId === id);
    expect(line("juminhyo")).toMatchObject({ procedureName: "住民票の写し", submitted: 2, open: 1, completed: 1, rejected: 0, withdrawn: 0 });
    expect(line("koseki")).toMatchObject({ submitted: 1, rejected: 1 });
    expect(line("inkan")).toMatchObject({ submitted: 0 });
    expect((await stats(all.headers, "?month=2026-12")).body.applications).toBe(1);

    // A group of the 戸籍 procedures sees their lines only.
    const koseki = await member("stats-koseki", { kind: "procedures", procedureIds: ["koseki" as never] });
    const scoped = await stats(koseki.headers, "?month=2026-11");
    expect(scoped.body).toMatchObject({ procedures: 1, applications: 1 });
    expect(scoped.body.rows.map((r: { procedureId: string }) => r.procedureId)).toEqual(["koseki"]);

    // The monthly report as a file, with a total line; Shift_JIS for Excel.
    const csv = await fetch(`${server.staffUrl}/api/staff/statistics?month=2026-11&format=csv&encoding=shift_jis`, { headers: all.headers });
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="madoguchi-usage-2026-11.csv"');
    const lines = iconv.decode(Buffer.from(await csv.arrayBuffer()), "cp932").split("\r\n");
    expect(lines[0]).toBe("手続,申請数,処理中（未完了）,完了,不受理,取下げ,手数料合計");
    expect(lines[1]).toMatch(/^住民票の写し,2,1,1,0,0,\d+$/);
    expect(lines.find((l) => l.startsWith("合計,"))).toMatch(/^合計,3,1,1,1,0,\d+$/);

    // A bad month is refused with a code; no month means this month.
    for (const bad of ["2026-13", "11-2026", "2026-11-01", "x"]) expect((await stats(all.headers, `?month=${bad}`)).body.error.code).toBe("statistics.invalid_month");
    expect((await stats(all.headers, "")).body.month).toMatch(/^\d{4}-\d{2}$/);
  });

  it("counts a resident's completed sign-in, not the password step before the second factor", async () => {
    const all = await member("stats-all-2", { kind: "all" });
    const month = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 7);
    const before = (await stats(all.headers, `?month=${month}`)).body.residentSignIns as number;
    const residents = residentClient(() => server.url, "stats");
    const { email } = await residents.registeredAndVerified();
    await residents.loginWithEmailCode(email);
    expect((await stats(all.headers, `?month=${month}`)).body.residentSignIns).toBe(before + 1);
  });

  it("needs applications.view", async () => {
    const nobody = await staffWithSession(server, "nobody");
    expect((await stats(nobody.headers, "?month=2026-11")).status).toBe(403);
  });
});
