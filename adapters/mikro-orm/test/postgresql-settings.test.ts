import { describe } from "vitest";
import { describeSettingsStoreContract } from "@madoguchi/conformance/settings-store";
import { openPgFileStore } from "./support/postgres.ts";

// One store and one schema for this file; cases are isolated by truncating the tables.
const { store, admin, schema, truncate } = await openPgFileStore("madoguchi-pg-settings-");

describe.skipIf(store === undefined)("PostgreSQL", () => {
  describeSettingsStoreContract(
    "mikro-orm postgresql",
    async () => {
      await truncate("municipality_settings", "audit_entries", "audit_checkpoints");
      return {
        settings: store!.settings,
        auditLog: store!.auditLog,
        close: async () => undefined,
        writeRaw: async (key, json) => {
          await admin!.em().getConnection().execute(`update "${schema}".municipality_settings set value_json = ? where setting_key = ?`, [json, key]);
        },
      };
    },
    { numRuns: 15, testTimeout: 60_000 },
  );
});
