import { describe } from "vitest";
import { describeApprovalStoreContract } from "@madoguchi/conformance/approval-store";
import { openPgFileStore } from "./support/postgres.ts";

// One store and one schema for this file; cases are isolated by truncating the tables.
const { store, truncate } = await openPgFileStore("madoguchi-pg-approvals-");

describe.skipIf(store === undefined)("PostgreSQL", () => {
  describeApprovalStoreContract(
    "mikro-orm postgresql",
    async () => {
      await truncate("approval_requests", "audit_entries", "audit_checkpoints");
      return { approvals: store!.approvals, auditLog: store!.auditLog, close: async () => undefined };
    },
    { numRuns: 12, testTimeout: 60_000 },
  );
});
