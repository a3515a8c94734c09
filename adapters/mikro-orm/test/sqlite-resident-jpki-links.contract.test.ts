import { describe, expect, it } from "vitest";
import { describeResidentJpkiLinkStoreContract } from "@madoguchi/conformance/resident-jpki-link-store";
import { openOrm } from "../src/open-orm.ts";
import { localKeyStore } from "./support/key-store.ts";
import { freshDbPath, openSqliteStore, removeSqlite } from "./support/sqlite-store.ts";
import { tempDir } from "./support/temp-dir.ts";

const dir = tempDir("madoguchi-sqlite-jpki-links-");
const keyStore = await localKeyStore(dir);

// A new database file per test and per property case.
describeResidentJpkiLinkStoreContract(
  "mikro-orm sqlite",
  async () => {
    const path = freshDbPath(dir);
    const store = await openSqliteStore(path, keyStore);
    return {
      store: store.residentJpkiLinks,
      close: async () => {
        await store.close();
        removeSqlite(path);
      },
    };
  },
  { numRuns: 10, testTimeout: 60_000 },
);

describe("mikro-orm sqlite JPKI link specifics", () => {
  it("keeps links across a restart, and a hand-edited row fails closed (corrupt)", async () => {
    const path = freshDbPath(dir);
    const first = await openSqliteStore(path, keyStore);
    const link = { key: "ab".repeat(32), method: "digital_auth_app" as const, linkedAt: new Date(1_000) };
    (await first.residentJpkiLinks.add("acc-1", link))._unsafeUnwrap();
    await first.close();
    const second = await openSqliteStore(path, keyStore);
    expect((await second.residentJpkiLinks.findByKey(link.key))._unsafeUnwrap()).toEqual({ accountId: "acc-1", link });
    const raw = await openOrm({ driver: "sqlite", path });
    await raw.em().getConnection().execute("update resident_jpki_links set method = 'password'");
    await raw.orm.close(true);
    const found = await second.residentJpkiLinks.findByKey(link.key);
    expect(found.isErr() && found.error.reason).toBe("corrupt");
    await second.close();
    removeSqlite(path);
  });
});
