import { describe, expect, it } from "vitest";
import { describeResidentAccountStoreContract, sampleResidentAccount } from "@madoguchi/conformance/resident-account-store";
import { openOrm } from "../src/open-orm.ts";
import { localKeyStore } from "./support/key-store.ts";
import { freshDbPath, openSqliteStore, removeSqlite, sqliteBytes } from "./support/sqlite-store.ts";
import { tempDir } from "./support/temp-dir.ts";

const dir = tempDir("madoguchi-sqlite-residents-");
const keyStore = await localKeyStore(dir);

// A new database file per test; the raw-read hook reads every byte SQLite wrote (file, WAL, shm).
describeResidentAccountStoreContract(
  "mikro-orm sqlite",
  async () => {
    const path = freshDbPath(dir);
    const store = await openSqliteStore(path, keyStore);
    return {
      store: store.residentAccounts,
      rawDump: async () => Buffer.from(sqliteBytes(path)).toString("latin1"),
      close: async () => {
        await store.close();
        removeSqlite(path);
      },
    };
  },
  { numRuns: 15, testTimeout: 60_000 },
);

describe("mikro-orm sqlite resident account specifics", () => {
  it("finds an account by address after a restart (the blind-index key is kept wrapped), and a tampered row fails closed", async () => {
    const path = freshDbPath(dir);
    const first = await openSqliteStore(path, keyStore);
    const account = sampleResidentAccount({ email: "restart@example.jp" });
    (await first.residentAccounts.insert(account))._unsafeUnwrap();
    await first.close();
    const second = await openSqliteStore(path, keyStore);
    expect((await second.residentAccounts.findByEmail("restart@example.jp"))._unsafeUnwrap()).toEqual(account);
    const raw = await openOrm({ driver: "sqlite", path });
    const rows = await raw.em().getConnection().execute("select email_index from resident_accounts");
    // The index is an HMAC, not a plain hash of the address: 64 hex characters, not the address.
    expect(String((rows[0] as { email_index: string }).email_index)).toMatch(/^[0-9a-f]{64}$/);
    await raw.em().getConnection().execute("update resident_accounts set sealed = (select sealed from resident_accounts) || x'00'");
    await raw.orm.close(true);
    const found = await second.residentAccounts.findById(account.id);
    expect(found.isErr() && found.error.reason).toBe("corrupt");
    await second.close();
    removeSqlite(path);
  });
});
