import { describePaymentLedgerStoreContract } from "@madoguchi/conformance/payment-ledger-store";
import { localKeyStore } from "./support/key-store.ts";
import { freshDbPath, openSqliteStore, removeSqlite } from "./support/sqlite-store.ts";
import { tempDir } from "./support/temp-dir.ts";

const dir = tempDir("madoguchi-sqlite-ledger-");
const keyStore = await localKeyStore(dir);

describePaymentLedgerStoreContract(
  "mikro-orm sqlite",
  async () => {
    const path = freshDbPath(dir);
    const store = await openSqliteStore(path, keyStore);
    return {
      ledger: store.paymentLedger,
      auditLog: store.auditLog,
      outbox: store.outbox,
      applications: store.applications,
      close: async () => {
        await store.close();
        removeSqlite(path);
      },
    };
  },
  { numRuns: 8, testTimeout: 60_000 },
);
