import { describe } from "vitest";
import { describeLoginStateStoreContract } from "@madoguchi/conformance/login-state-store";
import { describeSessionStoreContract } from "@madoguchi/conformance/session-store";
import { openPgFileStore } from "./support/postgres.ts";

// One store and one schema for this file; cases are isolated by truncating the tables.
const { store, truncate } = await openPgFileStore("madoguchi-pg-sessions-");

describe.skipIf(store === undefined)("PostgreSQL", () => {
  describeSessionStoreContract(
    "mikro-orm postgresql",
    async () => {
      await truncate("sessions");
      return { store: store!.sessions, close: async () => undefined };
    },
    { numRuns: 15, testTimeout: 60_000 },
  );
  describeLoginStateStoreContract(
    "mikro-orm postgresql",
    async () => {
      await truncate("login_state", "login_throttles", "audit_entries");
      return { store: store!.loginState, auditLog: store!.auditLog, close: async () => undefined };
    },
    { numRuns: 15, testTimeout: 60_000 },
  );
});
