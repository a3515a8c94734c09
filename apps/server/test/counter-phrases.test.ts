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

const url = () => `${server.staffUrl}/api/staff/counter/phrases`;

describe("C6 語句登録: the counter's registered phrases", () => {
  it("a counter clerk replaces the list; a stale version or an invalid phrase writes nothing; changes are audited by count", async () => {
    const clerk = await staffWithSession(server, "phrases-clerk");
    (await server.deps.staffAccess.assignRole({ roleId: StaffRoleId("counter"), holder: { kind: "staff", staffId: clerk.id } }))._unsafeUnwrap();
    expect((await call(url(), { headers: clerk.headers })).body).toEqual({ phrases: [], version: 0 });

    const phrases = [
      { id: "p-1", text: "みほん市中央一丁目" },
      { id: "p-2", text: "𠮷野ハイツ" },
    ];
    const saved = await call(url(), { method: "PUT", headers: clerk.headers, body: { phrases, expectedVersion: 0 } });
    expect([saved.status, saved.body]).toEqual([200, { phrases, version: 1 }]);
    expect((await call(url(), { headers: clerk.headers })).body).toEqual({ phrases, version: 1 });

    const stale = await call(url(), { method: "PUT", headers: clerk.headers, body: { phrases: [], expectedVersion: 0 } });
    expect([stale.status, stale.body.error.code]).toEqual([409, "counter.phrases_conflict"]);
    for (const bad of [
      [{ id: "p-1", text: "二行に\nわたる" }],
      [{ id: "p-1", text: "" }],
      [{ id: "p-1", text: "あ".repeat(101) }],
      [{ id: "p-1", text: "同じ" }, { id: "p-2", text: "同じ" }],
      [{ id: "P 1", text: "id" }],
    ]) {
      const refused = await call(url(), { method: "PUT", headers: clerk.headers, body: { phrases: bad, expectedVersion: 1 } });
      expect([refused.status, refused.body.error.code]).toEqual([422, "settings.invalid_value"]);
      expect(refused.body.error.message).toContain("100文字");
    }
    // 100 characters counted as people count them: 𠮷 is one.
    const longest = [{ id: "p-1", text: "𠮷".repeat(100) }];
    expect((await call(url(), { method: "PUT", headers: clerk.headers, body: { phrases: longest, expectedVersion: 1 } })).status).toBe(200);

    const changes = (await server.deps.auditLog.read({ actions: ["configuration.changed"], target: { kind: "configuration", id: "counter.phrases" }, afterSeq: 0, limit: 10 }))._unsafeUnwrap();
    expect(changes.map((e) => [e.actor.id, e.details])).toEqual([
      [clerk.id, { fromCount: 0, toCount: 2 }],
      [clerk.id, { fromCount: 2, toCount: 1 }],
    ]);
  });

  it("is for members with counter.use only, and only on the staff listener", async () => {
    const processor = await staffWithSession(server, "phrases-processor");
    (await server.deps.staffAccess.assignRole({ roleId: StaffRoleId("processor"), holder: { kind: "staff", staffId: processor.id } }))._unsafeUnwrap();
    expect((await call(url(), { headers: processor.headers })).status).toBe(403);
    expect((await call(url(), { method: "PUT", headers: processor.headers, body: { phrases: [], expectedVersion: 0 } })).status).toBe(403);
    expect((await call(`${server.url}/api/staff/counter/phrases`)).status).toBe(404);
  });
});
