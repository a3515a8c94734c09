import { describe } from "vitest";
import { describeResidentAccountStoreContract } from "@madoguchi/conformance/resident-account-store";
import { openPgFileStore } from "./support/postgres.ts";

// One store and one schema for this file; cases are isolated by truncating the tables.
const { store, admin, schema, truncate } = await openPgFileStore("madoguchi-pg-residents-");

describe.skipIf(store === undefined)("PostgreSQL", () => {
  describeResidentAccountStoreContract(
    "mikro-orm postgresql",
    async () => {
      await truncate("resident_accounts");
      return {
        store: store!.residentAccounts,
        rawDump: async () => {
          const rows = await admin!.em().getConnection().execute(`select * from "${schema}".resident_accounts`);
          return rows.map((row: Record<string, unknown>) => Object.values(row).map((v) => (v instanceof Uint8Array ? Buffer.from(v).toString("latin1") : String(v))).join("|")).join("\n");
        },
        close: async () => undefined,
      };
    },
    { numRuns: 15, testTimeout: 60_000 },
  );
});
