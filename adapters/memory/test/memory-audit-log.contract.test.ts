import { describeAuditLogStoreContract } from "@madoguchi/conformance/audit-log";
import { createMemoryStore } from "../src/index.ts";

// The reference adapter keeps no bytes anyone could edit behind its back: no tamper hooks.
describeAuditLogStoreContract("memory", async () => createMemoryStore(), { numRuns: 40, testTimeout: 30_000, tamperHooks: false });
