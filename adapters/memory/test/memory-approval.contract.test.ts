import { describeApprovalStoreContract } from "@madoguchi/conformance/approval-store";
import { createMemoryStore } from "../src/index.ts";

describeApprovalStoreContract("memory", async () => {
  const store = createMemoryStore();
  return { approvals: store.approvals, auditLog: store.auditLog, close: () => store.close() };
});
