import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StaffGroupId, StaffRoleId } from "@madoguchi/core";
import { juminhyoInput, residentSubmits } from "./support/api-client.ts";
import { staffWithSession } from "./support/staff-access-fixtures.ts";
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
