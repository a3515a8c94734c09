import { describeStaffAccessStoreContract } from "@madoguchi/conformance/staff-access-store";
import { createMemoryStore } from "../src/index.ts";

describeStaffAccessStoreContract(
  "memory",
  async () => {
    const store = createMemoryStore();
    return { store: store.staffAccess, auditLog: store.auditLog, close: () => store.close() };
  },
  { numRuns: 60 },
);
