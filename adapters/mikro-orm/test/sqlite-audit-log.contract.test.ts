import { describeAuditLogStoreContract } from "@madoguchi/conformance/audit-log";
import { openOrm } from "../src/open-orm.ts";
import { sqlTamperHooks } from "./support/audit-tamper.ts";
import { localKeyStore } from "./support/key-store.ts";
import { freshDbPath, openSqliteStore, removeSqlite } from "./support/sqlite-store.ts";
import { tempDir } from "./support/temp-dir.ts";

const dir = tempDir("madoguchi-sqlite-audit-");
const keyStore = await localKeyStore(dir);

// A new database file per test and per property case; tamper hooks edit it with raw SQL.
describeAuditLogStoreContract(
  "mikro-orm sqlite",
  async () => {
    const path = freshDbPath(dir);
    const store = await openSqliteStore(path, keyStore);
    return {
      auditLog: store.auditLog,
      applications: store.applications,
      tamper: sqlTamperHooks(() => openOrm({ driver: "sqlite", path })),
      close: async () => {
        await store.close();
        removeSqlite(path);
      },
    };
  },
  { numRuns: 10, tamperHooks: true },
);
