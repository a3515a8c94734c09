import { describeCounterRecordStoreContract } from "@madoguchi/conformance/counter-record-store";
import { localKeyStore } from "./support/key-store.ts";
import { freshDbPath, openSqliteStore, removeSqlite, sqliteBytes } from "./support/sqlite-store.ts";
import { tempDir } from "./support/temp-dir.ts";

const dir = tempDir("madoguchi-sqlite-counter-records-");
const keyStore = await localKeyStore(dir);

// A new database file per test; at rest is every byte SQLite wrote for it (the file, its WAL, shared memory).
describeCounterRecordStoreContract("mikro-orm sqlite", async () => {
  const path = freshDbPath(dir);
  const store = await openSqliteStore(path, keyStore);
  return {
    records: store.counterRecords,
    auditLog: store.auditLog,
    bytesAtRest: async () => sqliteBytes(path),
    close: async () => {
      await store.close();
      removeSqlite(path);
    },
  };
});
