import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLocalKeyStore } from "@madoguchi/adapter-local-keystore";
import { createMikroOrmStore } from "@madoguchi/adapter-mikro-orm";
import { jsonOf, madoguchi, tempDir } from "./run-madoguchi.ts";
import { storedApplication } from "./support/stored-application.ts";

/** A data directory as the server leaves it: the key file and a SQLite store holding one application. */
const serverDataDir = async (dataDir: string) => {
  const keyStore = (await createLocalKeyStore({ keyFile: join(dataDir, "keys", "data-kek.json"), createIfMissing: true }))._unsafeUnwrap();
  const store = (await createMikroOrmStore({ driver: "sqlite", path: join(dataDir, "madoguchi.sqlite"), keyStore }))._unsafeUnwrap();
  (await store.applications.insert(storedApplication, []))._unsafeUnwrap();
  await store.close();
};

describe("madoguchi service-end erase", { timeout: 60_000 }, () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  it("refuses without --confirm erase-all-user-data (exit 2), and nothing is touched", async () => {
    const dataDir = join(dir.path, "data");
    await serverDataDir(dataDir);
    for (const args of [[], ["--confirm", "yes"]]) {
      const run = await madoguchi(["service-end", "erase", "--data-dir", dataDir, ...args]);
      expect(run.code).toBe(2);
    }
    const refused = await madoguchi(["service-end", "erase", "--data-dir", dataDir, "--confirm", "yes"]);
    expect(refused.stderr).toContain("--confirm erase-all-user-data");
    expect(existsSync(join(dataDir, "keys", "data-kek.json"))).toBe(true);
    expect(existsSync(join(dataDir, "madoguchi.sqlite"))).toBe(true);
  });

  it("destroys the key file and the database; a copy of the database kept elsewhere (a backup) can no longer be read", async () => {
    const dataDir = join(dir.path, "data");
    await serverDataDir(dataDir);
    const backup = join(dir.path, "backup.sqlite");
    copyFileSync(join(dataDir, "madoguchi.sqlite"), backup);
    // The server's own backups in <data dir>/backups go too; other files there are left alone.
    mkdirSync(join(dataDir, "backups"));
    for (const name of ["madoguchi-20261124T000000Z.sqlite", "madoguchi-20261124T000000Z.sqlite.json", "madoguchi-20261123T000000Z.sqlite.failed", "notes.txt"]) writeFileSync(join(dataDir, "backups", name), "x");

    const run = await madoguchi(["service-end", "erase", "--data-dir", dataDir, "--confirm", "erase-all-user-data", "--json"]);
    expect(run.code).toBe(0);
    const report = jsonOf<{ keyFile: { destroyed: boolean }; database: { driver: string } }>(run);
    expect(report.keyFile.destroyed).toBe(true);
    expect(report.database.driver).toBe("sqlite");
    expect(existsSync(join(dataDir, "keys", "data-kek.json"))).toBe(false);
    expect(existsSync(join(dataDir, "madoguchi.sqlite"))).toBe(false);
    expect(readdirSync(join(dataDir, "backups"))).toEqual(["notes.txt"]);

    // The backup still holds the row, but its data key was wrapped under the destroyed key: unreadable.
    const newKeys = (await createLocalKeyStore({ keyFile: join(dir.path, "new-kek.json"), createIfMissing: true }))._unsafeUnwrap();
    const restored = (await createMikroOrmStore({ driver: "sqlite", path: backup, keyStore: newKeys }))._unsafeUnwrap();
    try {
      const read = await restored.applications.findById(storedApplication.id);
      expect(read.isErr()).toBe(true);
    } finally {
      await restored.close();
    }
  });
});
