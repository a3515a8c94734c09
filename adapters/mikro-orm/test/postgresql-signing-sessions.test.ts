import { describe } from "vitest";
import { describeSigningSessionStoreContract } from "@madoguchi/conformance/signing-session-store";
import { openPgFileStore } from "./support/postgres.ts";

// One store and one schema for this file; cases are isolated by truncating the table.
const { store, admin, schema, truncate } = await openPgFileStore("madoguchi-pg-signing-sessions-");

describe.skipIf(store === undefined)("PostgreSQL", () => {
  describeSigningSessionStoreContract(
    "mikro-orm postgresql",
    async () => {
      await truncate("signing_sessions");
      return {
        store: store!.signingSessions,
        rawRead: async (kind, id) => {
          const rows: Record<string, unknown>[] = await admin!.em().getConnection().execute(`select * from "${schema}".signing_sessions where kind = ? and id = ?`, [kind, id]);
          return rows.flatMap((row) => Object.values(row).map((v) => (v instanceof Uint8Array ? Buffer.from(v).toString("latin1") : String(v)))).join("|");
        },
        close: async () => undefined,
      };
    },
    { numRuns: 10, testTimeout: 60_000 },
  );
});
