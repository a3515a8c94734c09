import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { StaffId, type Application, type StaffAccount } from "@madoguchi/core";
import { applicationArb, applicationChangeArb, containsText, withCanary } from "@madoguchi/conformance/application-store";
import { migrateDatabase } from "../src/index.ts";
import { openOrm } from "../src/open-orm.ts";
import { migrationsFor } from "../src/migrations/migrations-list.ts";
import { localKeyStore } from "./support/key-store.ts";
import { freshDbPath, openSqliteStore, sqliteBytes } from "./support/sqlite-store.ts";
import { tempDir } from "./support/temp-dir.ts";

const dir = tempDir("madoguchi-sqlite-");
const keyStore = await localKeyStore(dir);
const sample = (seed: number): Application => fc.sample(applicationArb(), { numRuns: 1, seed })[0] as Application;

describe("SQLite settings", () => {
  it("runs in WAL mode with synchronous=FULL, a busy timeout and foreign keys on", async () => {
    const db = await openOrm({ driver: "sqlite", path: freshDbPath(dir) });
    try {
      const read = async (pragma: string) => (await db.em().getConnection().execute(`pragma ${pragma}`))[0];
      expect(await read("journal_mode")).toEqual({ journal_mode: "wal" });
      expect(await read("synchronous")).toEqual({ synchronous: 2 }); // 2 = FULL
      expect(await read("busy_timeout")).toEqual({ timeout: 5000 });
      expect(await read("foreign_keys")).toEqual({ foreign_keys: 1 });
      expect(await read("secure_delete")).toEqual({ secure_delete: 1 });
    } finally {
      await db.orm.close(true);
    }
  });

  it("creates the database file with mode 0600 in a directory it creates with mode 0700", async () => {
    const path = join(dir, "nested", "data", "madoguchi.sqlite");
    const store = await openSqliteStore(path, keyStore);
    await store.close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, "nested", "data")).mode & 0o777).toBe(0o700);
  });
});

describe("migrations", () => {
  it("migrating twice is a no-op, and opening the store afterwards changes nothing", async () => {
    const path = freshDbPath(dir);
    // Every listed migration, in order (the list grows with each feature; this checks it all applies).
    expect((await migrateDatabase({ driver: "sqlite", path }))._unsafeUnwrap()).toEqual(migrationsFor("sqlite").map((m) => m.name));
    const schemaOf = async () => {
      const db = await openOrm({ driver: "sqlite", path });
      try {
        return await db.em().getConnection().execute("select type, name, sql from sqlite_master order by name");
      } finally {
        await db.orm.close(true);
      }
    };
    const before = await schemaOf();
    expect(before.map((r) => r["name"])).toEqual(expect.arrayContaining(["applications", "outbox_messages", "staff_accounts", "madoguchi_migrations"]));
    expect((await migrateDatabase({ driver: "sqlite", path }))._unsafeUnwrap()).toEqual([]);
    const store = await openSqliteStore(path, keyStore);
    await store.close();
    expect(await schemaOf()).toEqual(before);
  });
});

describe("encryption at rest", () => {
  it("canary: a name in every personal field is absent from the database file and WAL after inserts and updates", async () => {
    const path = freshDbPath(dir);
    const store = await openSqliteStore(path, keyStore);
    try {
      const canary = `CANARY-${crypto.randomUUID()}`;
      const apps = fc.sample(applicationArb(), { numRuns: 10, seed: 101 }).map((a) => withCanary(a, canary));
      for (const app of apps) (await store.applications.insert(app, []))._unsafeUnwrap();
      for (const [i, app] of apps.entries()) {
        const next = withCanary(fc.sample(applicationChangeArb(app), { numRuns: 1, seed: i })[0] as Application, canary);
        (await store.applications.update(next, app.version, []))._unsafeUnwrap();
      }
      expect(existsSync(`${path}-wal`)).toBe(true);
      const bytes = sqliteBytes(path);
      // Control: the bytes do hold the rows (plain, non-personal columns are findable) ...
      expect(containsText(bytes, apps[0]!.receiptNumber)).toBe(true);
      // ... but not the canary, in any encoding.
      expect(containsText(bytes, canary)).toBe(false);
      expect(containsText(bytes, canary.slice("CANARY-".length))).toBe(false);
      expect((await store.applications.findById(apps[0]!.id))._unsafeUnwrap()?.applicant.name).toContain(canary);
    } finally {
      await store.close();
    }
  });

  it("a purged application leaves nothing on disk: neither its receipt number, its ciphertext nor its wrapped key, in the file or the WAL", async () => {
    const path = freshDbPath(dir);
    const store = await openSqliteStore(path, keyStore);
    try {
      const apps = fc.sample(applicationArb(), { numRuns: 6, seed: 131 }) as Application[];
      for (const app of apps) (await store.applications.insert(app, []))._unsafeUnwrap();
      const [gone, kept] = [apps[0]!, apps[1]!];
      const db = await openOrm({ driver: "sqlite", path });
      const [row] = await db.em().getConnection().execute("select personal, wrapped_key from applications where id = ?", [gone.id]);
      await db.orm.close(true);
      const personal = new Uint8Array(row!["personal"] as Buffer);
      const wrappedKey = new Uint8Array(row!["wrapped_key"] as Buffer);
      const holds = (bytes: Uint8Array, part: Uint8Array) => Buffer.from(bytes).includes(Buffer.from(part));
      // Control: before the purge the bytes are there.
      expect(containsText(sqliteBytes(path), gone.receiptNumber)).toBe(true);
      expect(holds(sqliteBytes(path), personal.subarray(0, 32))).toBe(true);

      (await store.applications.purge([{ id: gone.id, version: gone.version }], []))._unsafeUnwrap();

      const bytes = sqliteBytes(path);
      expect(containsText(bytes, gone.receiptNumber)).toBe(false);
      expect(holds(bytes, personal.subarray(0, 32))).toBe(false);
      expect(holds(bytes, wrappedKey)).toBe(false);
      expect(containsText(bytes, kept.receiptNumber)).toBe(true);
      expect((await store.applications.findById(kept.id))._unsafeUnwrap()).toStrictEqual(kept);
    } finally {
      await store.close();
    }
  });

  it("canary: a staff member's notification address is sealed (insert and change), read back exactly, and bound to its row", async () => {
    const path = freshDbPath(dir);
    const store = await openSqliteStore(path, keyStore);
    try {
      const canary = `CANARY-${crypto.randomUUID()}`;
      const member = (n: number, email: string | null): StaffAccount => ({ id: StaffId(`st-${n}`), loginId: `member.${n}`, displayName: `職員${n}`, passwordHash: "h", createdAt: new Date(0), notificationEmail: email });
      (await store.staff.insert(member(1, `${canary}-1@city.example.lg.jp`)))._unsafeUnwrap();
      (await store.staff.insert(member(2, null)))._unsafeUnwrap();
      expect((await store.staff.updateNotificationEmail(StaffId("st-2"), `${canary}-2@city.example.lg.jp`))._unsafeUnwrap()).toBe(true);
      expect((await store.staff.findById(StaffId("st-1")))._unsafeUnwrap()?.notificationEmail).toBe(`${canary}-1@city.example.lg.jp`);
      expect((await store.staff.findByLoginId("member.2"))._unsafeUnwrap()?.notificationEmail).toBe(`${canary}-2@city.example.lg.jp`);
      const bytes = sqliteBytes(path);
      expect(containsText(bytes, "member.1")).toBe(true);
      expect(containsText(bytes, canary)).toBe(false);
      expect(containsText(bytes, canary.slice("CANARY-".length))).toBe(false);
      // Cleared: none, and nothing sealed left.
      expect((await store.staff.updateNotificationEmail(StaffId("st-2"), null))._unsafeUnwrap()).toBe(true);
      expect((await store.staff.findById(StaffId("st-2")))._unsafeUnwrap()?.notificationEmail).toBeNull();
      // Another row's sealed address (with its wrapped key) copied into st-2 does not open there.
      const db = await openOrm({ driver: "sqlite", path });
      try {
        await db
          .em()
          .getConnection()
          .execute(
            "update staff_accounts set (notification_sealed, notification_wrapped_key, notification_key_version) = (select notification_sealed, notification_wrapped_key, notification_key_version from staff_accounts where id = 'st-1') where id = 'st-2'",
          );
      } finally {
        await db.orm.close(true);
      }
      expect((await store.staff.findById(StaffId("st-2")))._unsafeUnwrapErr()).toMatchObject({ _tag: "StorageError", reason: "corrupt" });
    } finally {
      await store.close();
    }
  });

  it("a notification address kept in plaintext before migration 0015 is sealed when the store opens, and reads the same", async () => {
    const path = freshDbPath(dir);
    const first = await openSqliteStore(path, keyStore);
    (await first.staff.insert({ id: StaffId("st-old"), loginId: "old.member", displayName: "旧", passwordHash: "h", createdAt: new Date(0), notificationEmail: null }))._unsafeUnwrap();
    await first.close();
    const raw = async <T>(f: (run: (sql: string) => Promise<Record<string, unknown>[]>) => Promise<T>): Promise<T> => {
      const db = await openOrm({ driver: "sqlite", path });
      try {
        return await f((sql) => db.em().getConnection().execute(sql));
      } finally {
        await db.orm.close(true);
      }
    };
    await raw((run) => run("update staff_accounts set notification_email = 'old.member@city.example.lg.jp' where id = 'st-old'"));
    const reopened = await openSqliteStore(path, keyStore);
    try {
      expect((await reopened.staff.findById(StaffId("st-old")))._unsafeUnwrap()?.notificationEmail).toBe("old.member@city.example.lg.jp");
      const [row] = await raw((run) => run("select notification_email, notification_sealed from staff_accounts where id = 'st-old'"));
      expect(row?.["notification_email"]).toBeNull();
      expect(row?.["notification_sealed"]).not.toBeNull();
    } finally {
      await reopened.close();
    }
  });

  it("binds each ciphertext to its row: a personal column copied to another row does not decrypt (corrupt)", async () => {
    const path = freshDbPath(dir);
    const store = await openSqliteStore(path, keyStore);
    const [a, b] = [sample(1), sample(2)];
    (await store.applications.insert(a, []))._unsafeUnwrap();
    (await store.applications.insert(b, []))._unsafeUnwrap();
    const db = await openOrm({ driver: "sqlite", path });
    try {
      await db.em().getConnection().execute("update applications set personal = (select personal from applications where id = ?) where id = ?", [b.id, a.id]);
    } finally {
      await db.orm.close(true);
    }
    expect((await store.applications.findById(a.id))._unsafeUnwrapErr()).toMatchObject({ _tag: "StorageError", reason: "corrupt" });
    expect((await store.applications.findById(b.id))._unsafeUnwrap()).toStrictEqual(b);
    await store.close();
  });

  it("detects a flipped byte in the personal ciphertext (corrupt)", async () => {
    const path = freshDbPath(dir);
    const store = await openSqliteStore(path, keyStore);
    const a = sample(3);
    (await store.applications.insert(a, []))._unsafeUnwrap();
    const db = await openOrm({ driver: "sqlite", path });
    try {
      // Flip one bit in the middle of the ciphertext.
      const conn = db.em().getConnection();
      const [row] = await conn.execute("select personal from applications where id = ?", [a.id]);
      const tampered = Buffer.from(row?.["personal"] as Uint8Array);
      tampered[20] = (tampered[20] ?? 0) ^ 0x01;
      await conn.execute("update applications set personal = ? where id = ?", [tampered, a.id]);
      const [check] = await conn.execute("select personal from applications where id = ?", [a.id]);
      expect(Buffer.from(check?.["personal"] as Uint8Array).equals(tampered)).toBe(true);
    } finally {
      await db.orm.close(true);
    }
    expect((await store.applications.findById(a.id))._unsafeUnwrapErr().reason).toBe("corrupt");
    await store.close();
  });

  it("cannot read the data under another key-encryption key (crypto-erase): corrupt, never plaintext", async () => {
    const path = freshDbPath(dir);
    const store = await openSqliteStore(path, keyStore);
    const a = sample(4);
    (await store.applications.insert(a, []))._unsafeUnwrap();
    await store.close();
    const otherKeys = await localKeyStore(dir, "other-kek.json");
    const reopened = await openSqliteStore(path, otherKeys);
    const error = (await reopened.applications.findById(a.id))._unsafeUnwrapErr();
    expect(error).toMatchObject({ _tag: "StorageError", reason: "corrupt", operation: "application-store.findById" });
    expect((await reopened.applications.list({ limit: 10, offset: 0 }))._unsafeUnwrapErr().reason).toBe("corrupt");
    await reopened.close();
  });
});

describe("store lifecycle", () => {
  it("passes its health check (database and key store)", async () => {
    const store = await openSqliteStore(freshDbPath(dir), keyStore);
    expect((await store.healthCheck()).isOk()).toBe(true);
    await store.close();
  });

  it("keeps data across restarts", async () => {
    const path = freshDbPath(dir);
    const a = sample(5);
    const first = await openSqliteStore(path, keyStore);
    (await first.applications.insert(a, []))._unsafeUnwrap();
    await first.close();
    const second = await openSqliteStore(path, keyStore);
    expect((await second.applications.findByReceiptNumber(a.receiptNumber))._unsafeUnwrap()).toStrictEqual(a);
    await second.close();
  });
});
