import { describe } from "vitest";
import { describePaymentLedgerStoreContract } from "@madoguchi/conformance/payment-ledger-store";
import { openPgFileStore } from "./support/postgres.ts";

// One store and one schema for this file; cases are isolated by truncating the tables.
const { store, truncate } = await openPgFileStore("madoguchi-pg-ledger-");

describe.skipIf(store === undefined)("PostgreSQL", () => {
  describePaymentLedgerStoreContract(
    "mikro-orm postgresql",
    async () => {
      await truncate("payment_ledger", "audit_entries", "audit_checkpoints", "outbox_messages", "applications");
      return { ledger: store!.paymentLedger, auditLog: store!.auditLog, outbox: store!.outbox, applications: store!.applications, close: async () => undefined };
    },
    { numRuns: 12, testTimeout: 60_000 },
  );
});
