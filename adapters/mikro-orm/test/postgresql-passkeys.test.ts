import { describe } from "vitest";
import { describePasskeyStoreContract } from "@madoguchi/conformance/passkey-store";
import { openPgFileStore } from "./support/postgres.ts";

// One store and one schema for this file; cases are isolated by truncating the tables.
const { store, truncate } = await openPgFileStore("madoguchi-pg-passkeys-");

describe.skipIf(store === undefined)("PostgreSQL", () => {
  describePasskeyStoreContract(
    "mikro-orm postgresql",
    async () => {
      await truncate("passkeys");
      return { store: store!.passkeys, close: async () => undefined };
    },
    { numRuns: 15, testTimeout: 60_000 },
  );
});
