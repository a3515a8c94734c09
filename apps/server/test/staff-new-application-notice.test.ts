import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StaffGroupId, StaffRoleId, type Application } from "@madoguchi/core";
import { juminhyoInput, residentSubmits } from "./support/api-client.ts";
import { staffWithSession, submittedApplication } from "./support/staff-access-fixtures.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

// S7: when an application arrives, the staff who may process it — and only they — are mailed that it is waiting,
// through the outbox written with the submission, without the resident's data.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.dispose());

const member = async (label: string, groupId: string, procedureIds: readonly string[], roleId: string, email: string | null) => {
  (await server.deps.staffAccess.saveGroup({ id: StaffGroupId(groupId), name: groupId, scope: { kind: "procedures", procedureIds: procedureIds as never } }))._unsafeUnwrap();
  const me = await staffWithSession(server, label);
  (await server.deps.staffAccess.addMember(StaffGroupId(groupId), me.id))._unsafeUnwrap();
  (await server.deps.staffAccess.assignRole({ roleId: StaffRoleId(roleId), holder: { kind: "staff", staffId: me.id } }))._unsafeUnwrap();
  if (email !== null) (await server.deps.staff.updateNotificationEmail(me.id, email))._unsafeUnwrap();
  return me;
};

describe("S7: staff are told of a new application", () => {
  it("mails each processor of the procedure with an address, once, with the receipt number and no personal data", async () => {
    await member("juminhyo-processor", "juminhyo-ka", ["juminhyo"], "processor", "juminhyo-ka@city.example.lg.jp");
    await member("juminhyo-no-address", "juminhyo-ka-2", ["juminhyo"], "processor", null);
    await member("juminhyo-viewer", "juminhyo-ka-3", ["juminhyo"], "viewer", "viewer@city.example.lg.jp");
    await member("koseki-processor", "koseki-ka", ["koseki"], "processor", "koseki-ka@city.example.lg.jp");
    const { submitted } = await residentSubmits(server, juminhyoInput({ applicant: { name: "通知 花子", email: "notice-resident@example.jp" } }));
    expect(submitted.status).toBe(201);
    await server.relay.runOnce();
    const staffMails = () => server.deps.devInbox!.list().filter((m) => m.to.endsWith("@city.example.lg.jp"));
    const mails = staffMails();
    expect(mails.map((m) => m.to)).toEqual(["juminhyo-ka@city.example.lg.jp"]);
    const [mail] = mails;
    expect(mail?.subject).toContain("新しい申請があります");
    expect(mail?.subject).toContain(submitted.body.receiptNumber);
    expect(mail?.text).toContain("住民票の写し");
    expect(mail?.text).not.toContain("通知 花子");
    expect(mail?.text).not.toContain("notice-resident@example.jp");
    expect(mail?.text).not.toMatch(/https?:\/\//);
    // The resident got their own 受付 mail as before; a second run sends nothing again.
    expect(server.deps.devInbox!.list().some((m) => m.to === "notice-resident@example.jp")).toBe(true);
    await server.relay.runOnce();
    expect(staffMails()).toHaveLength(1);
    // The staff address is not in the log.
    expect(server.logText()).not.toContain("juminhyo-ka@city.example.lg.jp");
  });
});

describe("S7: staff are reminded once a day of applications not taken up", () => {
  it("lists, for each processor with an address, the applications of their procedures waiting 3 days or more; once a day", async () => {
    await member("reminded", "inkan-ka", ["inkan"], "processor", "inkan-ka@city.example.lg.jp");
    const old = (days: number, status: Application["status"], procedureId = "inkan") => {
      const a = submittedApplication(procedureId, "催促 太郎", new Date(Date.now() - days * 86_400_000));
      return { ...a, status } as Application;
    };
    const waiting = [old(5, "submitted"), old(4, "received")];
    const notYet = [old(1, "submitted"), old(6, "processing"), old(9, "completed"), old(7, "submitted", "nozei")];
    for (const a of [...waiting, ...notYet]) (await server.deps.applications.insert(a, []))._unsafeUnwrap();

    const run = await server.staffReminders.runOnce();
    expect(run).toMatchObject({ kind: "sent" });
    const mine = server.deps.devInbox!.list().filter((m) => m.to === "inkan-ka@city.example.lg.jp");
    expect(mine).toHaveLength(1);
    expect(mine[0]?.subject).toContain("未処理の申請が2件あります");
    for (const a of waiting) expect(mine[0]?.text).toContain(a.receiptNumber);
    for (const a of notYet) expect(mine[0]?.text).not.toContain(a.receiptNumber);
    expect(mine[0]?.text).not.toContain("催促 太郎");
    // The day's run is recorded; the next run of the same day sends nothing.
    const entries = (await server.deps.auditLog.read({ actions: ["staff.reminders_sent"], afterSeq: 0, limit: 10 }))._unsafeUnwrap();
    expect(entries.map((e) => [e.actor, e.details["applications"]])).toEqual([[{ kind: "system", id: null }, expect.any(Number)]]);
    expect(await server.staffReminders.runOnce()).toEqual({ kind: "already_today" });
    expect(server.deps.devInbox!.list().filter((m) => m.to === "inkan-ka@city.example.lg.jp")).toHaveLength(1);
  });
});
