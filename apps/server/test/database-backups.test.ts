import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submittedApplication } from "./support/staff-access-fixtures.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  // Every run is due (a backup whenever asked), and three generations are kept.
  server = await startTestServer({ MADOGUCHI_BACKUP_EVERY_MS: "0", MADOGUCHI_BACKUP_GENERATIONS: "3" });
});
afterAll(async () => {
  await server?.dispose();
});

const dir = () => join(server.dataDir, "backups");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("N3: daily backups of the embedded database, each restored into scratch and verified", () => {
  it("takes a verified copy with a manifest (size, SHA-256, rows, audit chain), private to the server, audited", async () => {
    (await server.deps.applications.insert(submittedApplication("juminhyo", "控え 太郎", new Date()), []))._unsafeUnwrap();
    const run = await server.backups.runOnce();
    expect(run.kind).toBe("taken");
    if (run.kind !== "taken") return;
    const file = join(dir(), run.file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dir()).mode & 0o777).toBe(0o700);
    const manifest = JSON.parse(readFileSync(`${file}.json`, "utf8"));
    expect(manifest).toMatchObject({ file: run.file, integrity: "ok", sha256: createHash("sha256").update(readFileSync(file)).digest("hex"), rows: { applications: 1 } });
    expect(manifest.auditEntries).toBeGreaterThan(0);
    // A self-contained file that opens on its own (no WAL beside it), holding the application — sealed: no name in it.
    const copy = new DatabaseSync(file, { readOnly: true });
    try {
      expect(copy.prepare("select count(*) as n from applications").get()?.["n"]).toBe(1);
    } finally {
      copy.close();
    }
    expect(readFileSync(file).includes(Buffer.from("控え 太郎"))).toBe(false);
    expect(readdirSync(dir()).some((n) => n.startsWith(".restore-check") || n.endsWith(".partial"))).toBe(false);
    const audited = (await server.deps.auditLog.read({ actions: ["backup.created"], afterSeq: 0, limit: 10 }))._unsafeUnwrap();
    expect(audited.map((e) => [e.actor.kind, e.details["file"], e.details["sha256"]])).toEqual([["system", run.file, run.sha256]]);
  });

  it("keeps the newest generations only (here 3) and removes the older with their manifests", async () => {
    const taken: string[] = [];
    for (let i = 0; i < 4; i++) {
      await sleep(1100); // file names are per second
      const run = await server.backups.runOnce();
      if (run.kind === "taken") taken.push(run.file);
    }
    expect(taken).toHaveLength(4);
    const left = readdirSync(dir()).filter((n) => n.endsWith(".sqlite")).sort();
    expect(left).toEqual(taken.slice(-3));
    expect(readdirSync(dir()).filter((n) => n.endsWith(".json")).sort()).toEqual(taken.slice(-3).map((n) => `${n}.json`));
  });

  it("a copy whose audit chain does not verify is no backup: kept as .failed, not counted, audited as a failure", async () => {
    // Tamper with the live audit log behind the port, as someone with write access to the file could (the
    // append-only trigger is no obstacle to them).
    const live = new DatabaseSync(join(server.dataDir, "madoguchi.sqlite"));
    try {
      live.exec("drop trigger audit_entries_append_only");
      live.exec("update audit_entries set result = 'denied' where seq = 1");
    } finally {
      live.close();
    }
    await sleep(1100);
    const before = readdirSync(dir()).filter((n) => n.endsWith(".sqlite")).sort();
    const run = await server.backups.runOnce();
    expect(run).toMatchObject({ kind: "failed", reason: "audit chain broken (hash_mismatch)" });
    expect(readdirSync(dir()).filter((n) => n.endsWith(".sqlite")).sort()).toEqual(before);
    expect(readdirSync(dir()).filter((n) => n.endsWith(".failed"))).toHaveLength(1);
    const failures = (await server.deps.auditLog.read({ actions: ["backup.failed"], afterSeq: 0, limit: 10 }))._unsafeUnwrap();
    expect(failures.map((e) => [e.result, e.details["reason"]])).toEqual([["failure", "audit chain broken (hash_mismatch)"]]);
    expect(existsSync(join(dir(), before.at(-1)!))).toBe(true);
  });
});
