import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StaffRoleId } from "@madoguchi/core";
import { call } from "./support/api-client.ts";
import { staffWithSession } from "./support/staff-access-fixtures.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.dispose();
});

const day = (offsetDays: number) => new Date(Date.now() + 9 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
const notice = (id: string, from: number, until: number | null) => ({
  id,
  title: { ja: `お知らせ ${id}`, en: `Notice ${id}` },
  body: { ja: "マイナンバーカードの休日交付窓口を開きます。", en: "" },
  link: "/procedures",
  publishFrom: day(from),
  publishUntil: until === null ? null : day(until),
});

describe("R14: notices to residents about services", () => {
  it("a member with forms.manage replaces the list; residents see today's notices on the portal; the change is audited", async () => {
    const admin = await staffWithSession(server, "notices-admin");
    (await server.deps.staffAccess.assignRole({ roleId: StaffRoleId("administrator"), holder: { kind: "staff", staffId: admin.id } }))._unsafeUnwrap();
    expect((await call(`${server.url}/api/notices`)).body).toEqual({ notices: [] });
    expect((await call(`${server.staffUrl}/api/staff/notices`, { headers: admin.headers })).body).toEqual({ notices: [], version: 0 });

    const list = [notice("past", -10, -1), notice("current", -1, 5), notice("open", 0, null), notice("future", 3, null)];
    const saved = await call(`${server.staffUrl}/api/staff/notices`, { method: "PUT", headers: admin.headers, body: { notices: list, expectedVersion: 0 } });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(1);
    const shown = await call(`${server.url}/api/notices`);
    expect(shown.body.notices.map((n: { id: string }) => n.id)).toEqual(["open", "current"]);

    // A stale version is refused; so is an invalid list (a javascript: link), in Japanese by default.
    expect((await call(`${server.staffUrl}/api/staff/notices`, { method: "PUT", headers: admin.headers, body: { notices: [], expectedVersion: 0 } })).body.error.code).toBe("notices.conflict");
    const bad = await call(`${server.staffUrl}/api/staff/notices`, { method: "PUT", headers: admin.headers, body: { notices: [{ ...notice("x", 0, null), link: "javascript:alert(1)" }], expectedVersion: 1 } });
    expect([bad.status, bad.body.error.code]).toEqual([422, "settings.invalid_value"]);
    expect(bad.body.error.message).toContain("https://");

    const changes = (await server.deps.auditLog.read({ actions: ["configuration.changed"], target: { kind: "configuration", id: "portal.notices" }, afterSeq: 0, limit: 10 }))._unsafeUnwrap();
    expect(changes.map((e) => [e.actor.id, e.details])).toEqual([[admin.id, { fromCount: 0, toCount: 4 }]]);
  });

  it("the list is not for members without forms.manage, nor on the resident listener", async () => {
    const viewer = await staffWithSession(server, "notices-viewer");
    (await server.deps.staffAccess.assignRole({ roleId: StaffRoleId("viewer"), holder: { kind: "staff", staffId: viewer.id } }))._unsafeUnwrap();
    expect((await call(`${server.staffUrl}/api/staff/notices`, { headers: viewer.headers })).status).toBe(403);
    expect((await call(`${server.staffUrl}/api/staff/notices`, { method: "PUT", headers: viewer.headers, body: { notices: [], expectedVersion: 1 } })).status).toBe(403);
    expect((await call(`${server.url}/api/staff/notices`)).status).toBe(404);
  });
});
