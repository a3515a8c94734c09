import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { jsonOf, madoguchi, STACK_TRACE, tempDir } from "./run-madoguchi.ts";

/** What the migrations table and the schema of a SQLite file say, read with Node's own SQLite. */
const inspect = (path: string): { migrations: string[]; tables: string[] } => {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const migrations = db.prepare("select name from madoguchi_migrations order by id").all().map((r) => String(r["name"]));
    const tables = db.prepare("select name from sqlite_master where type = 'table' order by name").all().map((r) => String(r["name"]));
    return { migrations, tables };
  } finally {
    db.close();
  }
};

/** Every migration the store ships, in order (adapters/mikro-orm/src/migrations/migrations-list.ts). */
const ALL = [
  "0001-initial",
  "0002-audit-log",
  "0003-sessions-and-login-state",
  "0004-staff-access",
  "0005-resident-accounts",
  "0006-passkeys",
  "0007-municipality-settings",
  "0008-resident-jpki-links",
  "0009-approval-requests",
  "0010-payment-ledger",
  "0011-staff-notification-email",
  "0013-signing-sessions",
  "0014-outbox-payload",
  "0015-staff-notification-email-sealed",
  "0016-application-finished-at",
  "0017-counter-records",
];

describe("madoguchi migrate", { timeout: 60_000 }, () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  it("applies the migrations to a fresh SQLite file, and none the second time", async () => {
    const file = join(dir.path, "db", "madoguchi.sqlite");
    const first = await madoguchi(["migrate", "--database", `sqlite:${file}`, "--json"]);
    expect(first.code).toBe(0);
    const applied = jsonOf<{ applied: string[] }>(first).applied;
    expect(applied.length).toBeGreaterThan(0);
    expect(applied).toEqual(ALL);
    const schema = inspect(file);
    expect(schema.migrations).toEqual(applied);
    expect(schema.tables).toEqual(expect.arrayContaining(["applications", "outbox_messages", "staff_accounts"]));

    const second = await madoguchi(["migrate", "--database", `sqlite:${file}`]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("データベースは最新です");
    expect(second.stdout).toContain("the database is up to date (no migrations applied)");
    expect(inspect(file).migrations).toEqual(applied);
  });

  it("opens <data dir>/madoguchi.sqlite by default, like the server (MADOGUCHI_DATA_DIR or --data-dir)", async () => {
    const fromEnv = join(dir.path, "from-env");
    const run = await madoguchi(["migrate", "--lang", "en"], { env: { MADOGUCHI_DATA_DIR: fromEnv } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`applied ${ALL.length} migrations: ${join(fromEnv, "madoguchi.sqlite")}`);
    for (const name of ALL) expect(run.stdout).toContain(`  ${name}`);
    expect(inspect(join(fromEnv, "madoguchi.sqlite")).migrations).toEqual(ALL);

    // The flag wins over the variable; a relative data dir is relative to the working directory.
    const run2 = await madoguchi(["migrate", "--data-dir", "flag-dir", "--json"], { cwd: dir.path, env: { MADOGUCHI_DATA_DIR: fromEnv } });
    expect(run2.code).toBe(0);
    expect(jsonOf<{ applied: string[] }>(run2).applied).toEqual(ALL);
    expect(existsSync(join(dir.path, "flag-dir", "madoguchi.sqlite"))).toBe(true);
  });

  it("rejects an unknown database kind, and the memory store, with exit 2 before opening anything", async () => {
    const bad = await madoguchi(["migrate", "--database", "mysql://db/x", "--data-dir", dir.path]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--database（または MADOGUCHI_DATABASE）は sqlite、sqlite:<パス>、postgres://… のいずれかです");
    expect(bad.stderr).toContain("--database (or MADOGUCHI_DATABASE) must be sqlite, sqlite:<path> or postgres://…");
    const memory = await madoguchi(["migrate", "--lang", "en"], { env: { MADOGUCHI_DATABASE: "memory", MADOGUCHI_DATA_DIR: dir.path } });
    expect(memory.code).toBe(2);
    expect(memory.stderr).toContain("the memory database cannot be migrated");
    expect(existsSync(join(dir.path, "madoguchi.sqlite"))).toBe(false);
  });

  it("exits 1 with the storage reason for a file that is not a database, and for an unreachable PostgreSQL, without the password", async () => {
    const file = join(dir.path, "not-a-db.sqlite");
    writeFileSync(file, "this is not a database, only text long enough to fill a page header ".repeat(20));
    const corrupt = await madoguchi(["migrate", "--database", `sqlite:${file}`, "--lang", "en"]);
    expect(corrupt.code).toBe(1);
    expect(corrupt.stderr).toContain(`error: could not migrate the database (corrupt: the database file is damaged): ${file}`);
    expect(corrupt.stderr).not.toMatch(STACK_TRACE);

    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const pg = await madoguchi(["migrate", "--database", "postgres://madoguchi:s3cret-pw@127.0.0.1:1/madoguchi", "--json"]);
    expect(pg.code).toBe(1);
    expect(pg.stdout).not.toContain("s3cret-pw");
    const out = jsonOf<{ error: { reason: string; message: { en: string } } }>(pg);
    expect(out.ok).toBe(false);
    expect(out.error.reason).toBe("unavailable");
    expect(out.error.message.en).toContain("postgres://127.0.0.1:1/madoguchi");
  });
});
