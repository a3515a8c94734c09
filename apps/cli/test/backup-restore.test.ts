import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLocalKeyStore } from "@madoguchi/adapter-local-keystore";
import { createMikroOrmStore, type MikroOrmStore } from "@madoguchi/adapter-mikro-orm";
import { ApplicationId, ReceiptNumber, type Application } from "@madoguchi/core";
import { jsonOf, madoguchi, tempDir } from "./run-madoguchi.ts";
import { storedApplication } from "./support/stored-application.ts";

/** The server's store on a data directory (its key file and SQLite database). */
const openStore = async (dataDir: string): Promise<MikroOrmStore> => {
  const keyStore = (await createLocalKeyStore({ keyFile: join(dataDir, "keys", "data-kek.json"), createIfMissing: true }))._unsafeUnwrap();
  return (await createMikroOrmStore({ driver: "sqlite", path: join(dataDir, "madoguchi.sqlite"), keyStore }))._unsafeUnwrap();
};

const second = (a: Application): Application => ({ ...a, id: ApplicationId("00000000-0000-4000-8000-0000000000b2"), receiptNumber: ReceiptNumber("20261124-LATER1"), submissionKey: "later" });

describe("madoguchi backup restore", { timeout: 60_000 }, () => {
  let dir: ReturnType<typeof tempDir>;
  let dataDir: string;
  let backup: string;
  beforeEach(async () => {
    dir = tempDir();
    dataDir = join(dir.path, "data");
    backup = join(dir.path, "madoguchi-20261124T000000Z.sqlite");
    // A backup holding one application, with its manifest as the server writes it; then a second application arrives.
    const store = await openStore(dataDir);
    (await store.applications.insert(storedApplication, []))._unsafeUnwrap();
    (await store.backupTo(backup))._unsafeUnwrap();
    writeFileSync(`${backup}.json`, JSON.stringify({ file: "madoguchi-20261124T000000Z.sqlite", sha256: createHash("sha256").update(readFileSync(backup)).digest("hex") }));
    (await store.applications.insert(second(storedApplication), []))._unsafeUnwrap();
    await store.close();
  });
  afterEach(() => dir.remove());

  it("puts the backup back in place, keeps the previous database aside, and the data reads as it was (same key file)", async () => {
    const run = await madoguchi(["backup", "restore", backup, "--data-dir", dataDir, "--confirm", "replace-the-database", "--json"]);
    expect(run.code).toBe(0);
    const report = jsonOf<{ rows: { applications: number }; previous: string }>(run);
    expect(report.rows.applications).toBe(1);
    expect(existsSync(report.previous)).toBe(true);
    const store = await openStore(dataDir);
    try {
      expect((await store.applications.findById(storedApplication.id))._unsafeUnwrap()).toStrictEqual(storedApplication);
      expect((await store.applications.findById(second(storedApplication).id))._unsafeUnwrap()).toBeNull();
    } finally {
      await store.close();
    }
  });

  it("refuses without the confirmation (exit 2), and a backup that does not match its manifest (exit 1) — the live database untouched", async () => {
    const live = readFileSync(join(dataDir, "madoguchi.sqlite"));
    expect((await madoguchi(["backup", "restore", backup, "--data-dir", dataDir])).code).toBe(2);
    const bytes = readFileSync(backup);
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff;
    writeFileSync(backup, bytes);
    const altered = await madoguchi(["backup", "restore", backup, "--data-dir", dataDir, "--confirm", "replace-the-database", "--json"]);
    expect(altered.code).toBe(1);
    expect(jsonOf<{ error: { code: string } }>(altered).error.code).toBe("backup.checksum_mismatch");
    expect(readFileSync(join(dataDir, "madoguchi.sqlite"))).toEqual(live);
    expect(readdirSync(dataDir).some((n) => n.includes("before-restore"))).toBe(false);
  });
});
