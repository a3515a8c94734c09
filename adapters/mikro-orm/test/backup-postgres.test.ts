import { existsSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Application } from "@madoguchi/core";
import { applicationArb } from "@madoguchi/conformance/application-store";
import { checkRestoredPostgres, createMikroOrmStore, dumpPostgres, type MikroOrmStore } from "../src/index.ts";
import { openOrm, type OpenedOrm } from "../src/open-orm.ts";
import { localKeyStore } from "./support/key-store.ts";
import { pgUrl, redactedPgUrl } from "./support/postgres.ts";
import { tempDir } from "./support/temp-dir.ts";

const dir = tempDir("madoguchi-pg-backup-");
const keyStore = await localKeyStore(dir);
// A database of its own: pg_dump copies a whole database, and the test database holds other files' schemas.
const database = `madoguchi_backup_test_${randomBytes(4).toString("hex")}`;
const dbUrl = (() => {
  const u = new URL(pgUrl);
  u.pathname = `/${database}`;
  return u.toString();
})();

let admin: OpenedOrm | undefined;
let store: MikroOrmStore | undefined;

beforeAll(async () => {
  try {
    admin = await openOrm({ driver: "postgresql", url: pgUrl });
    await admin.em().getConnection().execute(`create database "${database}"`);
  } catch (e) {
    admin = undefined;
    if (process.env["MADOGUCHI_REQUIRE_PG"] === "1") throw new Error(`MADOGUCHI_REQUIRE_PG=1 but PostgreSQL is not reachable at ${redactedPgUrl()}: ${String(e)}`);
    console.warn(`PostgreSQL not reachable at ${redactedPgUrl()}: the PostgreSQL backup cases were not run`);
    return;
  }
  store = (await createMikroOrmStore({ driver: "postgresql", url: dbUrl, keyStore }))._unsafeUnwrap();
}, 60_000);
afterAll(async () => {
  await store?.close();
  await admin?.em().getConnection().execute(`drop database if exists "${database}" with (force)`);
  await admin?.orm.close(true);
});

const scratchDatabases = async (): Promise<string[]> =>
  ((await admin!.em().getConnection().execute("select datname from pg_database where datname like 'madoguchi_restore_check_%'")) as { datname: string }[]).map((r) => r.datname);

describe("PostgreSQL backups (N3, the scale profile)", () => {
  it("pg_dump copies the live database; a restore into a scratch database checks out, and the scratch database is dropped", async (ctx) => {
    if (store === undefined) return ctx.skip();
    const apps = fc.sample(applicationArb(), { numRuns: 3, seed: 172 }) as Application[];
    for (const a of apps) (await store.applications.insert(a, []))._unsafeUnwrap();
    const dump = join(dir, "backup.pgdump");
    (await dumpPostgres(dbUrl, dump))._unsafeUnwrap();
    expect(existsSync(dump)).toBe(true);

    const before = await scratchDatabases();
    let seen = "";
    const checked = (
      await checkRestoredPostgres(dump, dbUrl, async (restoredUrl) => {
        seen = new URL(restoredUrl).pathname;
        return true;
      })
    )._unsafeUnwrap();
    expect(checked).toMatchObject({ integrity: "ok", verified: true, rows: { applications: 3, audit_entries: 0 } });
    expect(seen).toMatch(/^\/madoguchi_restore_check_[0-9a-f]{12}$/);
    expect(await scratchDatabases()).toEqual(before);
  });

  it("a damaged dump fails its check, and leaves no scratch database", async (ctx) => {
    if (store === undefined) return ctx.skip();
    const damaged = join(dir, "damaged.pgdump");
    writeFileSync(damaged, Buffer.alloc(4096, 7));
    const before = await scratchDatabases();
    expect((await checkRestoredPostgres(damaged, dbUrl, async () => true)).isErr()).toBe(true);
    expect(await scratchDatabases()).toEqual(before);
  });

  it("an unreachable server fails the dump as a storage error, without throwing", async () => {
    const dumped = await dumpPostgres("postgres://postgres@127.0.0.1:9/none", join(dir, "none.pgdump"));
    expect(dumped.isErr()).toBe(true);
  });
});
