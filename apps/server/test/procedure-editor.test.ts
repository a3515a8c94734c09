import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StaffRoleId } from "@madoguchi/core";
import { call, juminhyoInput } from "./support/api-client.ts";
import { staffWithSession } from "./support/staff-access-fixtures.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.dispose();
});

type Definition = Record<string, unknown> & { id: string; feePerCopy: number; enabled: boolean };

const administrator = async (name: string) => {
  const admin = await staffWithSession(server, name);
  (await server.deps.staffAccess.assignRole({ roleId: StaffRoleId("administrator"), holder: { kind: "staff", staffId: admin.id } }))._unsafeUnwrap();
  return admin;
};

const editor = async (headers: Record<string, string>) => {
  const res = await call(`${server.staffUrl}/api/staff/procedures`, { headers });
  expect(res.status).toBe(200);
  return res.body as { version: number; source: string; procedures: Definition[]; portalOrigin: string };
};

const save = (headers: Record<string, string>, procedure: Definition, expectedVersion: number) =>
  call(`${server.staffUrl}/api/staff/procedures/${encodeURIComponent(procedure.id)}`, { method: "PUT", headers, body: { procedure, expectedVersion } });

const residentCatalog = async () => (await call(`${server.url}/api/procedures`)).body as { procedures: Definition[] };

describe("S6: staff build the portal's procedures in the back office", () => {
  it("an administrator changes a fee: in force for the next application at once, kept across a restart, audited with the amounts", async () => {
    const admin = await administrator("procedures-fee");
    const before = await editor(admin.headers);
    expect(before).toMatchObject({ version: 0, source: "file" });
    expect(before.portalOrigin).toMatch(/^http:\/\/(localhost|127\.0\.0\.1):\d+$/);
    const juminhyo = before.procedures.find((p) => p.id === "juminhyo")!;
    expect(juminhyo.feePerCopy).toBe(300);

    const saved = await save(admin.headers, { ...juminhyo, feePerCopy: 350 }, 0);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 1, procedure: { id: "juminhyo", feePerCopy: 350 } });
    expect((await residentCatalog()).procedures.find((p) => p.id === "juminhyo")?.feePerCopy).toBe(350);
    const prepared = await call(`${server.url}/api/applications/prepare`, { body: juminhyoInput() });
    expect(prepared.body.fee.total).toBe(350 * 2 + 110);

    const changes = (await server.deps.auditLog.read({ actions: ["configuration.changed"], target: { kind: "configuration", id: "procedures.definitions" }, afterSeq: 0, limit: 10 }))._unsafeUnwrap();
    expect(changes.map((e) => [e.actor.id, e.details])).toEqual([[admin.id, { procedureId: "juminhyo", created: false, changed: "feePerCopy", feeFrom: 300, feeTo: 350 }]]);

    // A second process on the same database (or this one after a restart) starts with the saved procedures.
    const other = await startTestServer({ MADOGUCHI_DATA_DIR: server.dataDir });
    const feeOn = async (s: TestServer) => (await call(`${s.url}/api/procedures`)).body.procedures.find((p: Definition) => p.id === "juminhyo")?.feePerCopy;
    try {
      expect(await feeOn(other)).toBe(350);
      // Put the fee back (the other tests share this server): the other process sees it at its next refresh.
      expect((await save(admin.headers, juminhyo, 1)).status).toBe(200);
      expect(await feeOn(other)).toBe(350);
      await other.deps.liveCatalog.refresh();
      expect(await feeOn(other)).toBe(300);
    } finally {
      await other.close();
    }
  });

  it("a new procedure with a text question is listed on the portal; its answer is checked against the question", async () => {
    const admin = await administrator("procedures-new");
    const { version, procedures } = await editor(admin.headers);
    const template = procedures.find((p) => p.id === "juminhyo")!;
    const petCertificate: Definition = {
      ...template,
      id: "pet-certificate",
      name: { ja: "犬の登録済証明", en: "Dog registration certificate" },
      description: { ja: "登録済みの犬の証明です。", en: "Certifies a registered dog." },
      feePerCopy: 200,
      extraFields: [{ key: "dogName", label: { ja: "犬の名前", en: "Dog's name" }, kind: "text", maxLength: 10, required: true }],
    };
    const created = await save(admin.headers, petCertificate, version);
    expect(created.status).toBe(201);
    expect(created.body.version).toBe(version + 1);
    const listed = (await residentCatalog()).procedures.find((p) => p.id === "pet-certificate");
    expect(listed?.extraFields).toEqual([{ key: "dogName", label: { ja: "犬の名前", en: "Dog's name" }, kind: "text", maxLength: 10, required: true }]);

    const input = (dogName: string) => ({ ...juminhyoInput({ request: { extra: { dogName } } }), procedureId: "pet-certificate" });
    const ok = await call(`${server.url}/api/applications/prepare`, { body: input("ポチ") });
    expect(ok.status).toBe(200);
    expect(ok.body.fee.total).toBe(200 * 2 + 110);
    const tooLong = await call(`${server.url}/api/applications/prepare`, { body: input("ポチ".repeat(6)) });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toContainEqual(["request.extra.dogName", "too_long"]);

    // Stopped: gone from the portal, refused at submission, still in the editor (applications name it).
    const stopped = await save(admin.headers, { ...petCertificate, enabled: false }, version + 1);
    expect(stopped.status).toBe(200);
    expect((await residentCatalog()).procedures.some((p) => p.id === "pet-certificate")).toBe(false);
    expect((await call(`${server.url}/api/applications/prepare`, { body: input("ポチ") })).status).toBe(422);
    expect((await editor(admin.headers)).procedures.find((p) => p.id === "pet-certificate")?.enabled).toBe(false);
  });

  it("a procedure with a date and a number question: answers typed in 和暦 and full width are signed as ISO and digits; bounds from the question", async () => {
    const admin = await administrator("procedures-kinds");
    const { version, procedures } = await editor(admin.headers);
    const template = procedures.find((p) => p.id === "juminhyo")!;
    const withQuestions: Definition = {
      ...template,
      id: "moving-certificate",
      name: { ja: "転居証明", en: "Certificate of moving" },
      extraFields: [
        { key: "movedOn", label: { ja: "転居した日", en: "Moved on" }, kind: "date", range: "past", required: true },
        { key: "persons", label: { ja: "転居した人数", en: "Persons who moved" }, kind: "number", min: 1, max: 8, required: true },
      ],
    };
    expect((await save(admin.headers, withQuestions, version)).status).toBe(201);
    expect((await residentCatalog()).procedures.find((p) => p.id === "moving-certificate")?.extraFields).toEqual(withQuestions.extraFields);

    const input = (movedOn: string, persons: string) => ({ ...juminhyoInput({ request: { extra: { movedOn, persons } } }), procedureId: "moving-certificate" });
    const ok = await call(`${server.url}/api/applications/prepare`, { body: input("令和元年5月1日", "２") });
    expect(ok.status).toBe(200);
    expect(ok.body.request.extra).toEqual({ movedOn: "2019-05-01", persons: "2" });
    expect(JSON.parse(ok.body.canonicalJson).request.extra).toEqual({ movedOn: "2019-05-01", persons: "2" });
    const refused = await call(`${server.url}/api/applications/prepare`, { body: input("2999-01-01", "9") });
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { field: string; code: string; message: string }) => [e.field, e.code, e.message])).toEqual([
      ["request.extra.movedOn", "future_date", "転居した日に未来の日付は入力できません"],
      ["request.extra.persons", "out_of_range", "転居した人数は1から8までの範囲で入力してください"],
    ]);

    // Bounds that cross are refused at the save, beside the input.
    const crossed = await save(admin.headers, { ...withQuestions, extraFields: [{ ...(withQuestions.extraFields as readonly object[])[1], min: 9, max: 8 }] } as Definition, version + 1);
    expect(crossed.status).toBe(422);
    expect(JSON.stringify(crossed.body)).toContain('extraFields[0] (\\"persons\\").max');
  });

  it("an invalid procedure is refused with each problem's path in the procedure; a stale version is a conflict; the id cannot move", async () => {
    const admin = await administrator("procedures-invalid");
    const { version, procedures } = await editor(admin.headers);
    const juminhyo = procedures.find((p) => p.id === "juminhyo")!;
    const invalid = await save(admin.headers, { ...juminhyo, feePerCopy: -5, deliveryMethodIds: ["pigeon"], name: { ja: "", en: "x" } }, version);
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.code).toBe("catalog.invalid");
    expect(invalid.body.error.message).toContain("確認");
    expect(invalid.body.error.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(["feePerCopy", "name.ja"]));
    const unknownMethod = await save(admin.headers, { ...juminhyo, deliveryMethodIds: ["pigeon"] }, version);
    expect(unknownMethod.body.error.issues).toEqual([{ path: "deliveryMethodIds[0]", message: expect.stringContaining("pigeon") }]);

    expect((await save(admin.headers, juminhyo, version + 7)).status).toBe(409);
    const moved = await call(`${server.staffUrl}/api/staff/procedures/koseki`, { method: "PUT", headers: admin.headers, body: { procedure: juminhyo, expectedVersion: version } });
    expect([moved.status, moved.body.error.code]).toEqual([400, "catalog.id_mismatch"]);
    expect((await editor(admin.headers)).version).toBe(version);
  });

  it("the administrator changes a postage and adds a life event: in force for the next application, on another process after its refresh, audited; a method a procedure offers cannot go", async () => {
    const admin = await administrator("procedure-lists");
    const view = (await call(`${server.staffUrl}/api/staff/procedures`, { headers: admin.headers })).body as {
      lists: { deliveryMethods: { id: string; postage: number }[]; categories: unknown[]; lifeEvents: { id: string }[] };
      listsVersion: number;
    };
    const original = view.lists;
    const saveLists = (lists: unknown, expectedVersion: number) =>
      call(`${server.staffUrl}/api/staff/procedure-lists`, { method: "PUT", headers: admin.headers, body: { lists, expectedVersion } });
    const standard = original.deliveryMethods.find((m) => m.id === "standard")!;
    const changed = {
      ...original,
      deliveryMethods: original.deliveryMethods.map((m) => (m.id === "standard" ? { ...m, postage: standard.postage + 30 } : m)),
      lifeEvents: [...original.lifeEvents, { id: "pet", name: { ja: "ペットを飼う", en: "Getting a pet" } }],
    };
    const saved = await saveLists(changed, view.listsVersion);
    expect(saved.status).toBe(200);
    expect(saved.body.listsVersion).toBe(view.listsVersion + 1);
    expect(saved.body.lifeEvents.map((e: { id: string }) => e.id)).toContain("pet");

    const prepared = await call(`${server.url}/api/applications/prepare`, { body: juminhyoInput() });
    // Two copies of 住民票の写し at 300 yen and the postage.
    expect(prepared.body.fee.total).toBe(300 * 2 + standard.postage + 30);
    const changes = (await server.deps.auditLog.read({ actions: ["configuration.changed"], target: { kind: "configuration", id: "procedures.lists" }, afterSeq: 0, limit: 10 }))._unsafeUnwrap();
    expect(changes.map((e) => [e.actor.id, e.details])).toEqual([[admin.id, { changed: "deliveryMethods,lifeEvents", postage: `standard:${standard.postage}→${standard.postage + 30}` }]]);

    // Every procedure offers 普通郵便: it cannot be removed; a stale version is a conflict.
    const removed = await saveLists({ ...changed, deliveryMethods: changed.deliveryMethods.filter((m) => m.id !== "standard") }, view.listsVersion + 1);
    expect(removed.status).toBe(422);
    expect(removed.body.error.message).toContain("手続が使っている配送方法");
    expect(removed.body.error.issues.some((i: { path: string }) => /^procedures\[\d+\] \("juminhyo"\)\.deliveryMethodIds/.test(i.path))).toBe(true);
    expect((await saveLists(changed, view.listsVersion)).status).toBe(409);

    const other = await startTestServer({ MADOGUCHI_DATA_DIR: server.dataDir });
    const postageOn = async (s: TestServer) => (await call(`${s.url}/api/applications/prepare`, { body: juminhyoInput() })).body.fee.total - 300 * 2;
    try {
      expect(await postageOn(other)).toBe(standard.postage + 30);
      // Put the lists back (the other tests share this server): the other process sees it at its next refresh.
      expect((await saveLists(original, view.listsVersion + 1)).status).toBe(200);
      expect(await postageOn(other)).toBe(standard.postage + 30);
      await other.deps.liveCatalog.refresh();
      expect(await postageOn(other)).toBe(standard.postage);
    } finally {
      await other.close();
    }
  });

  it("is for members with forms.manage only, and only on the staff listener", async () => {
    const processor = await staffWithSession(server, "procedures-processor");
    (await server.deps.staffAccess.assignRole({ roleId: StaffRoleId("processor"), holder: { kind: "staff", staffId: processor.id } }))._unsafeUnwrap();
    expect((await call(`${server.staffUrl}/api/staff/procedures`, { headers: processor.headers })).status).toBe(403);
    expect((await call(`${server.staffUrl}/api/staff/procedures/juminhyo`, { method: "PUT", headers: processor.headers, body: { procedure: { id: "juminhyo" }, expectedVersion: 0 } })).status).toBe(403);
    expect((await call(`${server.url}/api/staff/procedures`)).status).toBe(404);
  });
});
