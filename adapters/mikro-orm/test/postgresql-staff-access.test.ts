import { describe } from "vitest";
import { describeStaffAccessStoreContract } from "@madoguchi/conformance/staff-access-store";
import { openPgFileStore } from "./support/postgres.ts";

// One store and one schema for this file; cases are isolated by truncating the tables.
const { store, truncate } = await openPgFileStore("madoguchi-pg-staff-access-");

describe.skipIf(store === undefined)("PostgreSQL", () => {
  describeStaffAccessStoreContract(
    "mikro-orm postgresql",
    async () => {
      await truncate("staff_roles_of_groups", "staff_roles_of_staff", "staff_group_members", "staff_groups", "audit_entries", "audit_checkpoints");
      return { store: store!.staffAccess, auditLog: store!.auditLog, close: async () => undefined };
    },
    { numRuns: 15, testTimeout: 60_000 },
  );
});
