import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StaffGroupId, StaffRoleId } from "@madoguchi/core";
import { call, juminhyoInput, residentSubmits } from "./support/api-client.ts";
import { staffWithSession } from "./support/staff-access-fixtures.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.dispose());

const PATH = "/api/staff/me/notification-email";

describe("S7: a member chooses where the mails of new applications go, or to receive none", () => {
  it("reads and changes the own address after a step-up, audited without the address; with none, no mail of a new application", async () => {
    (await server.deps.staffAccess.saveGroup({ id: StaffGroupId("optout-ka"), name: "optout", scope: { kind: "procedures", procedureIds: ["juminhyo"] as never } }))._unsafeUnwrap();
    const me = await staffWithSession(server, "optout");
    (await server.deps.staffAccess.addMember(StaffGroupId("optout-ka"), me.id))._unsafeUnwrap();
    (await server.deps.staffAccess.assignRole({ roleId: StaffRoleId("processor"), holder: { kind: "staff", staffId: me.id } }))._unsafeUnwrap();
    (await server.deps.staff.updateNotificationEmail(me.id, "optout@city.example.lg.jp"))._unsafeUnwrap();
    const url = `${server.staffUrl}${PATH}`;
    expect((await call(url, { headers: me.headers })).body).toEqual({ email: "optout@city.example.lg.jp" });

    // Without a recent step-up or the CSRF token nothing changes.
    const stale = await staffWithSession(server, "optout-stale", { steppedUp: false });
    expect((await call(url, { method: "PUT", headers: stale.headers, body: { email: null } })).body.error.code).toBe("staff.step_up_required");
    expect((await call(url, { method: "PUT", headers: { cookie: me.headers.cookie }, body: { email: null } })).body.error.code).toBe("staff.csrf");
    expect((await call(url, { method: "PUT", headers: me.headers, body: { email: "not an address" } })).status).toBe(400);

    const changed = await call(url, { method: "PUT", headers: me.headers, body: { email: "optout-new@city.example.lg.jp" } });
    expect(changed.body).toEqual({ email: "optout-new@city.example.lg.jp" });
    expect((await call(url, { method: "PUT", headers: me.headers, body: { email: null } })).body).toEqual({ email: null });
    expect((await call(url, { headers: me.headers })).body).toEqual({ email: null });
    const entries = (await server.deps.auditLog.read({ actions: ["staff.notification_address_changed"], afterSeq: 0, limit: 10 }))._unsafeUnwrap();
    expect(entries.map((e) => [e.actor.id, e.target?.id, e.details])).toEqual([
      [me.id, me.id, { receives: true }],
      [me.id, me.id, { receives: false }],
    ]);
    expect(JSON.stringify(entries)).not.toContain("optout-new@");

    const { submitted } = await residentSubmits(server, juminhyoInput());
    expect(submitted.status).toBe(201);
    await server.relay.runOnce();
    expect(server.deps.devInbox!.list().filter((m) => m.to.startsWith("optout"))).toEqual([]);
  });
});
