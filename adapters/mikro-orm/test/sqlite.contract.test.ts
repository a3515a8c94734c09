import { describeApplicationStoreContract, describeStaffStoreContract } from "@madoguchi/conformance/application-store";
import { localKeyStore } from "./support/key-store.ts";
import { freshDbPath, openSqliteStore, removeSqlite, sqliteBytes } from "./support/sqlite-store.ts";
import { tempDir } from "./support/temp-dir.ts";

const dir = tempDir("madoguchi-sqlite-contract-");
const keyStore = await localKeyStore(dir);

// A new database file per test and per property case.
describeApplicationStoreContract("mikro-orm sqlite", async () => {
  const path = freshDbPath(dir);
  const store = await openSqliteStore(path, keyStore);
  return {
    applications: store.applications,
    outbox: store.outbox,
    rawRead: async () => sqliteBytes(path),
    close: async () => {
      await store.close();
      removeSqlite(path);
    },
  };
});

describeStaffStoreContract("mikro-orm sqlite", async () => {
  const path = freshDbPath(dir);
  const store = await openSqliteStore(path, keyStore);
  return {
    staff: store.staff,
    auditLog: store.auditLog,
    close: async () => {
      await store.close();
      removeSqlite(path);
    },
  };
});
