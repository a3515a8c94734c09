import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StaffGroupId, StaffRoleId, type Application, type StaffPermission, type StaffGroupScope, OfficeId, ProcedureId } from "@madoguchi/core";
import { call } from "./support/api-client.ts";
import { catalogWithOffices, staffWithSession, submittedApplication, TEST_OFFICES } from "./support/staff-access-fixtures.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

/*
 * SECURITY.md "Access control": random staff × groups × roles × applications × routes (list, detail,
 * command, export, audit log, access administration), over HTTP on a
 * real SQLite database. A staff member never receives data of an application outside their groups
 * nor uses a function outside their permissions — those answer only 403/404 — and every refusal has
 * an `authorization.denied` entry. The oracle below is written from the rules (ADR 16), not from core.
 */

const PROCEDURES = ["juminhyo", "koseki", "inkan"] as const;
const ROLE_PERMISSIONS: Record<string, readonly StaffPermission[]> = {
  viewer: ["applications.view"],
  processor: ["applications.view", "applications.process", "fees.change", "applications.export"],
  administrator: ["applications.view", "applications.process", "fees.change", "applications.export", "forms.manage", "staff.manage", "retention.manage", "audit.view"],
  auditor: ["audit.view"],
};

const scopeArb: fc.Arbitrary<StaffGroupScope> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ kind: "all" as const }) },
  { weight: 3, arbitrary: fc.subarray([...PROCEDURES]).map((ids) => ({ kind: "procedures" as const, procedureIds: ids.map(ProcedureId) })) },
  { weight: 3, arbitrary: fc.subarray(["chuo", "kita"]).map((ids) => ({ kind: "offices" as const, officeIds: ids.map(OfficeId) })) },
);
const STAFF = 2;
const caseArb = fc.record({
  groups: fc.array(fc.record({ scope: scopeArb, roles: fc.subarray(Object.keys(ROLE_PERMISSIONS), { maxLength: 1 }) }), { maxLength: 3 }),
  staff: fc.array(fc.record({ memberOf: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), direct: fc.subarray(Object.keys(ROLE_PERMISSIONS), { maxLength: 2 }) }), { minLength: STAFF, maxLength: STAFF }),
  applications: fc.array(fc.constantFrom(...PROCEDURES), { minLength: 1, maxLength: 3 }),
});

const covers = (scope: StaffGroupScope, procedureId: string): boolean =>
  scope.kind === "all" ||
  (scope.kind === "procedures" && (scope.procedureIds as readonly string[]).includes(procedureId)) ||
  (scope.kind === "offices" && (TEST_OFFICES[procedureId] ?? []).some((o) => (scope.officeIds as readonly string[]).includes(o)));

let server: TestServer;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "madoguchi-authz-"));
  server = await startTestServer({ MADOGUCHI_CATALOG_FILE: catalogWithOffices(dir) });
});
afterAll(async () => {
  await server?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const deniedCount = async (staffId: string): Promise<number> => {
  const entries = await server.deps.auditLog.read({ actor: { kind: "staff", id: staffId }, actions: ["authorization.denied"], afterSeq: 0, limit: 10_000 });
  return entries._unsafeUnwrap().length;
};

describe("staff authorization over HTTP (property)", () => {
  it("only 403/404 outside a staff member's permissions and groups, exactly their groups' applications inside, and every refusal audited", async () => {
    const all: Application[] = [];
    let caseNo = 0;
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        caseNo++;
        const access = server.deps.staffAccess;
        // A fresh configuration per case (applications accumulate: the oracle covers them all).
        const before = (await access.snapshot())._unsafeUnwrap();
        for (const g of before.groups) (await access.deleteGroup(g.id))._unsafeUnwrap();
        for (const a of before.assignments) (await access.revokeRole(a))._unsafeUnwrap();

        const groupIds = c.groups.map((_, i) => StaffGroupId(`case${caseNo}-g${i}`));
        for (const [i, g] of c.groups.entries()) {
          (await access.saveGroup({ id: groupIds[i]!, name: `グループ${i}`, scope: g.scope }))._unsafeUnwrap();
          for (const r of g.roles) (await access.assignRole({ roleId: StaffRoleId(r), holder: { kind: "group", groupId: groupIds[i]! } }))._unsafeUnwrap();
        }
        for (const p of c.applications) {
          const a = submittedApplication(p, `申請者${all.length}`, new Date(Date.UTC(2026, 10, 1) + all.length * 60_000));
          (await server.deps.applications.insert(a, []))._unsafeUnwrap();
          all.push(a);
        }

        for (const s of c.staff) {
          const me = await staffWithSession(server, "staff");
          const myGroups = c.groups.map((g, i) => ({ ...g, i })).filter((g) => s.memberOf[g.i] === true);
          for (const g of myGroups) (await access.addMember(groupIds[g.i]!, me.id))._unsafeUnwrap();
          for (const r of s.direct) (await access.assignRole({ roleId: StaffRoleId(r), holder: { kind: "staff", staffId: me.id } }))._unsafeUnwrap();
          const permissions = new Set([...s.direct, ...myGroups.flatMap((g) => g.roles)].flatMap((r) => ROLE_PERMISSIONS[r] ?? []));
          const visible = all.filter((a) => myGroups.some((g) => covers(g.scope, a.procedureId)));
          const hidden = all.filter((a) => !visible.includes(a));
          const secrets = hidden.flatMap((a) => [a.id, a.receiptNumber, a.applicant.name]);
          let refusals = 0;
          const base = server.staffUrl;
          const get = (path: string) => call(`${base}${path}`, { headers: me.headers });
          const expectRefusal = (res: { status: number; body: unknown }, status: 403 | 404) => {
            expect(res.status).toBe(status);
            const text = JSON.stringify(res.body);
            for (const secret of secrets) expect(text).not.toContain(secret);
            refusals++;
          };

          // List: exactly the visible applications (filter before paging: total counts only them).
          const list = await get("/api/staff/applications?limit=200");
          if (!permissions.has("applications.view")) expectRefusal(list, 403);
          else {
            expect(list.status).toBe(200);
            expect(new Set(list.body.items.map((i: { id: string }) => i.id))).toEqual(new Set(visible.map((a) => a.id)));
            expect(list.body.total).toBe(visible.length);
          }

          // Detail and a command on each application of this case.
          for (const a of all.slice(-c.applications.length)) {
            const seen = visible.includes(a);
            const detail = await get(`/api/staff/applications/${a.id}`);
            if (!permissions.has("applications.view")) expectRefusal(detail, 403);
            else if (!seen) expectRefusal(detail, 404);
            else expect([detail.status, detail.body.receiptNumber]).toEqual([200, a.receiptNumber]);

            const stored = (await server.deps.applications.findById(a.id))._unsafeUnwrap()!;
            const command = await call(`${base}/api/staff/applications/${a.id}/commands`, {
              headers: me.headers,
              body: { command: "receive", expectedVersion: stored.version },
            });
            if (!permissions.has("applications.process")) expectRefusal(command, 403);
            else if (!seen) expectRefusal(command, 404);
            else expect([200, 409]).toContain(command.status);
            if (command.status !== 200) expect((await server.deps.applications.findById(a.id))._unsafeUnwrap()!.version).toBe(stored.version);
          }

          // Export: exactly the visible applications.
          const exported = await fetch(`${base}/api/staff/applications/export?encoding=shift_jis`, { headers: me.headers });
          if (!permissions.has("applications.export")) {
            expectRefusal({ status: exported.status, body: await exported.json() }, 403);
          } else {
            expect(exported.status).toBe(200);
            const text = iconv.decode(Buffer.from(await exported.arrayBuffer()), "cp932");
            const receipts = text.trim().split("\r\n").slice(1).map((line) => line.split(",")[0]);
            expect(new Set(receipts)).toEqual(new Set(visible.map((a) => a.receiptNumber)));
          }

          // The audit log.
          const audit = await get("/api/staff/audit?limit=1");
          if (!permissions.has("audit.view")) expectRefusal(audit, 403);
          else expect(audit.status).toBe(200);

          // The access administration (groups and roles).
          const admin = await get("/api/staff/access");
          if (!permissions.has("staff.manage")) expectRefusal(admin, 403);
          else expect(admin.status).toBe(200);
          const change = await call(`${base}/api/staff/access/groups/intruder-${caseNo}-${me.id.slice(0, 8)}`, { headers: me.headers, body: { name: "x", scope: { kind: "all" } } });
          if (!permissions.has("staff.manage")) {
            expectRefusal(change, 403);
            expect((await access.snapshot())._unsafeUnwrap().groups.map((g) => g.id)).not.toContain(`intruder-${caseNo}-${me.id.slice(0, 8)}`);
          } else expect(change.status).toBe(201);

          expect(await deniedCount(me.id)).toBe(refusals);
        }
      }),
      { numRuns: 25 },
    );
  });
});
