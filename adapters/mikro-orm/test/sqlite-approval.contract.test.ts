import { describeApprovalStoreContract } from "@madoguchi/conformance/approval-store";
import { localKeyStore } from "./support/key-store.ts";
import { freshDbPath, openSqliteStore, removeSqlite } from "./support/sqlite-store.ts";
import { tempDir } from "./support/temp-dir.ts";

const dir = tempDir("madoguchi-sqlite-approvals-");
const keyStore = await localKeyStore(dir);

describeApprovalStoreContract(
  "mikro-orm sqlite",
  async () => {
    const path = freshDbPath(dir);
    const store = await openSqliteStore(path, keyStore);
    return {
      approvals: store.approvals,
      auditLog: store.auditLog,
      close: async () => {
        await store.close();
        removeSqlite(path);
      },
    };
  },
  { numRuns: 8, testTimeout: 60_000 },
);
