import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAllAuditEntries, verifyStoredAuditLog, type CheckpointSigner } from "@madoguchi/core";
import { ed25519SignatureVerifier } from "@madoguchi/adapter-local-keystore";
import { createSha256Hasher } from "@madoguchi/adapter-system";
import { createMemoryStore } from "@madoguchi/adapter-memory";
import pino from "pino";
import { runAuditMaintenance } from "../src/audit/audit-maintenance.ts";
import { recordRetentionSetting } from "../src/audit/record-audit.ts";
import { TOKENS } from "../src/composition/tokens.ts";
import { call, juminhyoInput, residentSubmits, staffLogin } from "./support/api-client.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.dispose();
});

const entries = async () => (await readAllAuditEntries(server.deps.auditLog))._unsafeUnwrap();

describe("the audit log of the reference server (real SQLite, real Ed25519 key)", () => {
  it("records submission, logins (failed and successful), list, view, status change, denial and withdrawal — ids only", async () => {
    const input = juminhyoInput();
    const { submitted } = await residentSubmits(server, input);
    expect(submitted.status).toBe(201);
    const failed = await call(`${server.staffUrl}/api/staff/login`, { body: { loginId: "demo-staff", password: "wrong-password" } });
    expect(failed.status).toBe(401);
    const staff = await staffLogin(server);
    const row = (await staff.list()).body.items.find((i: { receiptNumber: string }) => i.receiptNumber === submitted.body.receiptNumber);
    await staff.detail(row.id);
    expect((await staff.command(row.id, "receive", 1)).status).toBe(200);
    expect((await staff.command(row.id, "receive", 1)).status).toBe(409);
    const noCsrf = await call(`${server.staffUrl}/api/staff/applications/${row.id}/commands`, { headers: { cookie: staff.headers.cookie }, body: { command: "startProcessing", expectedVersion: 2 } });
    expect(noCsrf.status).toBe(403);

    const second = (await residentSubmits(server, juminhyoInput())).submitted.body;
    const withdrawn = await call(`${server.url}/api/applications/withdraw`, { body: { receiptNumber: second.receiptNumber, accessSecret: second.accessSecret } });
    expect(withdrawn.status).toBe(200);

    const log = await entries();
    const staffId = log.find((e) => e.action === "staff.login" && e.result === "success")?.actor.id;
    expect(staffId).toEqual(expect.any(String));
    const summary = log.map((e) => `${e.action}:${e.result}:${e.actor.kind}`);
    expect(summary).toEqual(
      expect.arrayContaining([
        "application.submitted:success:resident",
        "staff.login:failure:staff",
        "staff.login:success:staff",
        "application.listed:success:staff",
        "application.viewed:success:staff",
        "application.status_changed:success:staff",
        "application.status_changed:failure:staff",
        "access.denied:denied:staff",
        "application.withdrawn:success:resident",
      ]),
    );
    const change = log.find((e) => e.action === "application.status_changed" && e.result === "success")!;
    expect(change).toMatchObject({ target: { kind: "application", id: row.id }, details: { from: "submitted", to: "received" }, sourceIp: expect.stringMatching(/127\.0\.0\.1/) });
    // No personal data: neither the applicant's name, address, phone nor email appears anywhere in the log.
    const text = JSON.stringify(log);
    // The phone as typed and as normalised (a bare "1234" would match random ids and hashes).
    for (const value of ["窓口", "みほん県", "1234-5678", "１２３４", "taro@example.jp"]) expect(text).not.toContain(value);
    expect(text).not.toContain("wrong-password");
  });

  it("checkpoints are signed with the server's Ed25519 key and the stored chain verifies", async () => {
    const signer = server.container.get<CheckpointSigner>(TOKENS.CheckpointSigner);
    await runAuditMaintenance({ auditLog: server.deps.auditLog, signer, clock: server.deps.clock, logger: server.deps.logger, settings: server.deps.settings, defaultRetentionMonths: 36 });
    const checkpoints = (await server.deps.auditLog.checkpoints())._unsafeUnwrap();
    expect(checkpoints.length).toBeGreaterThan(0);
    expect(checkpoints.every((c) => c.keyId === signer.keyId)).toBe(true);
    const keyFile = JSON.parse(readFileSync(join(server.dataDir, "keys", "audit-signing.json"), "utf8")) as { publicKey: string };
    expect(keyFile.publicKey).toBe(signer.publicKey);
    const report = await verifyStoredAuditLog(
      { auditLog: server.deps.auditLog, hasher: createSha256Hasher(), signatures: ed25519SignatureVerifier, trustedKeys: new Map([[signer.keyId, signer.publicKey]]) },
      [],
    );
    expect(report._unsafeUnwrap()).toMatchObject({ firstSeq: 1, entries: (await entries()).length });
  });

  it("staff can filter and export the log and ask which residents' data an account opened", async () => {
    const staff = await staffLogin(server);
    const mine = (await entries()).filter((e) => e.action === "staff.login" && e.result === "success").at(-1)!;
    const staffId = mine.actor.id!;
    const viewed = await call(`${server.staffUrl}/api/staff/audit?staffId=${staffId}&action=application.viewed`, { headers: staff.headers });
    expect(viewed.status).toBe(200);
    expect(viewed.body.entries.length).toBeGreaterThan(0);
    expect(viewed.body.entries.every((e: { action: string; actor: { id: string } }) => e.action === "application.viewed" && e.actor.id === staffId)).toBe(true);
    expect(viewed.body.retentionMonths).toBe(36);
    const accessed = await call(`${server.staffUrl}/api/staff/audit/accessed?staffId=${staffId}&from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z`, { headers: staff.headers });
    expect(accessed.status).toBe(200);
    const viewedIds = new Set(viewed.body.entries.map((e: { target: { id: string } }) => e.target.id));
    expect(accessed.body.items.map((i: { applicationId: string }) => i.applicationId)).toEqual(expect.arrayContaining([...viewedIds]));
    const exported = await fetch(`${server.staffUrl}/api/staff/audit/export?action=staff.login`, { headers: staff.headers });
    expect(exported.headers.get("content-type")).toContain("application/x-ndjson");
    const lines = (await exported.text()).trim().split("\n").map((l) => JSON.parse(l) as { action: string });
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.every((l) => l.action === "staff.login")).toBe(true);
    expect((await entries()).some((e) => e.action === "audit.exported" && e.actor.id === staffId)).toBe(true);
    expect((await call(`${server.staffUrl}/api/staff/audit?action=no.such`, { headers: staff.headers })).status).toBe(400);
    expect((await call(`${server.staffUrl}/api/staff/audit`)).status).toBe(401);
    expect((await entries()).at(-1)).toMatchObject({ action: "access.denied", actor: { kind: "anonymous", id: null }, result: "denied", details: { reason: "unauthenticated", path: "/api/staff/audit" } });
  });

  it("the retention set by the administrator is recorded at start, and again only when it changes", async () => {
    expect((await entries()).find((e) => e.action === "configuration.changed")).toMatchObject({
      actor: { kind: "system" },
      target: { kind: "configuration", id: "audit.retentionMonths" },
      details: { from: null, to: 36 },
    });
    const store = createMemoryStore();
    const deps = { auditLog: store.auditLog, logger: pino({ level: "silent" }), clock: { now: () => new Date("2026-11-23T00:00:00Z") } };
    expect(await recordRetentionSetting(deps, 36)).toBe(true);
    expect(await recordRetentionSetting(deps, 36)).toBe(false);
    expect(await recordRetentionSetting(deps, 60)).toBe(true);
    const changes = (await readAllAuditEntries(store.auditLog, { actions: ["configuration.changed"] }))._unsafeUnwrap();
    expect(changes.map((e) => e.details)).toEqual([{ from: null, to: 36 }, { from: 36, to: 60 }]);
  });
});
