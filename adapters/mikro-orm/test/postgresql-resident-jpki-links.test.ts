import { describe } from "vitest";
import { describeResidentJpkiLinkStoreContract } from "@madoguchi/conformance/resident-jpki-link-store";
import { openPgFileStore } from "./support/postgres.ts";

// One store and one schema for this file; cases are isolated by truncating the table.
const { store, truncate } = await openPgFileStore("madoguchi-pg-jpki-links-");

describe.skipIf(store === undefined)("PostgreSQL", () => {
  describeResidentJpkiLinkStoreContract(
    "mikro-orm postgresql",
    async () => {
      await truncate("resident_jpki_links");
      return { store: store!.residentJpkiLinks, close: async () => undefined };
    },
    { numRuns: 15, testTimeout: 60_000 },
  );
});
