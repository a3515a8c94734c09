import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Application } from "@madoguchi/core";
import { applicationArb, containsText } from "@madoguchi/conformance/application-store";
import { checkRestoredSqlite } from "../src/index.ts";
import { localKeyStore } from "./support/key-store.ts";
import { freshDbPath, openSqliteStore } from "./support/sqlite-store.ts";
import { tempDir } from "./support/temp-dir.ts";

const dir = tempDir("madoguchi-backup-");
const keyStore = await localKeyStore(dir);

describe("SQLite backups (N3)", () => {
  it("backupTo writes one self-contained file of the live data; a restored copy checks out and holds no purged row", async () => {
    const path = freshDbPath(dir);
    const store = await openSqliteStore(path, keyStore);
    const apps = fc.sample(applicationArb(), { numRuns: 4, seed: 171 }) as Application[];
    try {
      for (const a of apps) (await store.applications.insert(a, []))._unsafeUnwrap();
      (await store.applications.purge([{ id: apps[0]!.id, version: apps[0]!.version }], []))._unsafeUnwrap();
      const backup = join(dir, "backup.sqlite");
      (await store.backupTo(backup))._unsafeUnwrap();
      expect(existsSync(`${backup}-wal`)).toBe(false);
      const bytes = new Uint8Array(readFileSync(backup));
      expect(containsText(bytes, apps[1]!.receiptNumber)).toBe(true);
      expect(containsText(bytes, apps[0]!.receiptNumber)).toBe(false);

      const checked = (await checkRestoredSqlite(backup, join(dir, "scratch.sqlite"), async (restored) => existsSync(restored)))._unsafeUnwrap();
      expect(checked).toMatchObject({ integrity: "ok", verified: true, rows: { applications: 3, audit_entries: 0, staff_accounts: 0 } });
      expect(existsSync(join(dir, "scratch.sqlite"))).toBe(false);
      // The backup itself was not written to by the check.
      expect(new Uint8Array(readFileSync(backup))).toEqual(bytes);
      // A second backup to the same name replaces the first.
      (await store.backupTo(backup))._unsafeUnwrap();
    } finally {
      await store.close();
    }
  });

  it("a damaged backup fails its check", async () => {
    const damaged = join(dir, "damaged.sqlite");
    writeFileSync(damaged, Buffer.alloc(8192, 7));
    expect((await checkRestoredSqlite(damaged, join(dir, "scratch2.sqlite"), async () => true)).isErr()).toBe(true);
  });
});
