import { existsSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Application } from "@madoguchi/core";
import { applicationArb } from "@madoguchi/conformance/application-store";
import { createMikroOrmStore, eraseDatabase } from "../src/index.ts";
import { localKeyStore } from "./support/key-store.ts";
import { adminOrm, pgUrl, redactedPgUrl, uniqueSchema } from "./support/postgres.ts";
import { freshDbPath, openSqliteStore } from "./support/sqlite-store.ts";
import { tempDir } from "./support/temp-dir.ts";

const dir = tempDir("madoguchi-erase-");
const keyStore = await localKeyStore(dir);
const app = fc.sample(applicationArb(), { numRuns: 1, seed: 151 })[0] as Application;

describe("eraseDatabase (service end)", () => {
  it("SQLite: removes the database file, its WAL and shared memory", async () => {
    const path = freshDbPath(dir);
    const store = await openSqliteStore(path, keyStore);
    (await store.applications.insert(app, []))._unsafeUnwrap();
    await store.close();
    expect(existsSync(path)).toBe(true);
    const erased = (await eraseDatabase({ driver: "sqlite", path }))._unsafeUnwrap();
    expect(erased.files).toEqual([path, `${path}-wal`, `${path}-shm`]);
    for (const f of erased.files) expect(existsSync(f)).toBe(false);
  });

  it("PostgreSQL: reverts every migration and drops the migrations table, leaving the schema empty", async () => {
    const schema = uniqueSchema();
    const opened = await createMikroOrmStore({ driver: "postgresql", url: pgUrl, schema, keyStore });
    if (opened.isErr()) {
      if (process.env["MADOGUCHI_REQUIRE_PG"] === "1") throw new Error(`MADOGUCHI_REQUIRE_PG=1 but PostgreSQL is not reachable at ${redactedPgUrl()}`);
      console.warn(`PostgreSQL not reachable at ${redactedPgUrl()}: the PostgreSQL erase case was not run`);
      return;
    }
    (await opened.value.applications.insert(app, []))._unsafeUnwrap();
    await opened.value.close();
    const admin = await adminOrm(schema);
    const tables = async () =>
      (await admin.em().getConnection().execute("select table_name from information_schema.tables where table_schema = ? order by table_name", [schema])).map((r) => String(r["table_name"]));
    try {
      expect(await tables()).toEqual(expect.arrayContaining(["applications", "audit_entries", "resident_accounts", "madoguchi_migrations"]));
      const erased = (await eraseDatabase({ driver: "postgresql", url: pgUrl, schema }))._unsafeUnwrap();
      expect(erased.reverted[0]).toBe("0017-counter-records");
      expect(erased.reverted.at(-1)).toBe("0001-initial");
      expect(await tables()).toEqual([]);
    } finally {
      await admin.em().getConnection().execute(`drop schema if exists "${schema}" cascade`);
      await admin.orm.close(true);
    }
  });
});
