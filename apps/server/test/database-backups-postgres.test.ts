import { existsSync, readFileSync, statSync } from "node:fs";
import { createHash, randomBytes } from "node:crypto";
import { join } from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submittedApplication } from "./support/staff-access-fixtures.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

// The PostgreSQL of the dev machines and CI; a database of this file's own (pg_dump copies a whole database).
const pgUrl = process.env["MADOGUCHI_TEST_PG_URL"] ?? "postgres://postgres@127.0.0.1:5432/test";
const database = `madoguchi_server_backup_${randomBytes(4).toString("hex")}`;
const dbUrl = (() => {
  const u = new URL(pgUrl);
  u.pathname = `/${database}`;
  return u.toString();
})();

let server: TestServer | undefined;
/** SQL on the test database by Debian's psql (the rows as lines). */
const psql = async (sql: string): Promise<string[]> => (await promisify(execFile)("psql", [pgUrl, "-tAc", sql])).stdout.split("\n").filter((l) => l !== "");
let admin: { execute(sql: string): Promise<string[]> } | undefined;

beforeAll(async () => {
  try {
    await psql(`create database "${database}"`);
    admin = { execute: psql };
  } catch (e) {
    if (process.env["MADOGUCHI_REQUIRE_PG"] === "1") throw new Error(`MADOGUCHI_REQUIRE_PG=1 but PostgreSQL is not reachable: ${String(e)}`);
    console.warn("PostgreSQL not reachable: the PostgreSQL backup cases were not run");
    admin = undefined;
    return;
  }
  // Every run is due, two generations kept.
  server = await startTestServer({ MADOGUCHI_DATABASE: dbUrl, MADOGUCHI_BACKUP_EVERY_MS: "0", MADOGUCHI_BACKUP_GENERATIONS: "2" });
}, 120_000);
afterAll(async () => {
  await server?.dispose();
  await admin?.execute(`drop database if exists "${database}" with (force)`);
});

describe("N3 on PostgreSQL: daily pg_dump archives, each restored into a scratch database and verified", () => {
  it("takes a verified archive with a manifest (size, SHA-256, rows, audit chain), private to the server, audited; no scratch database is left", async (ctx) => {
    if (server === undefined || admin === undefined) return ctx.skip();
    (await server.deps.applications.insert(submittedApplication("juminhyo", "控え 花子", new Date()), []))._unsafeUnwrap();
    const run = await server.backups.runOnce();
    expect(run).toMatchObject({ kind: "taken", rows: { applications: 1 } });
    if (run.kind !== "taken") return;
    expect(run.file).toMatch(/^madoguchi-\d{8}T\d{6}Z\.pgdump$/);
    expect(run.auditEntries).toBeGreaterThan(0);
    const file = join(server.dataDir, "backups", run.file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const manifest = JSON.parse(readFileSync(`${file}.json`, "utf8"));
    expect(manifest).toMatchObject({ file: run.file, sha256: createHash("sha256").update(readFileSync(file)).digest("hex"), rows: { applications: 1 } });
    // Sealed at rest: the resident's name is not in the archive (the key file is not in it either).
    expect(readFileSync(file).includes(Buffer.from("控え 花子"))).toBe(false);
    expect(existsSync(`${file}.partial`)).toBe(false);
    expect(await admin.execute("select datname from pg_database where datname like 'madoguchi_restore_check_%'")).toEqual([]);
    const audited = (await server.deps.auditLog.read({ actions: ["backup.created"], afterSeq: 0, limit: 10 }))._unsafeUnwrap();
    expect(audited.map((e) => [e.actor.kind, e.details["file"], e.details["sha256"]])).toEqual([["system", run.file, run.sha256]]);
  });
});
