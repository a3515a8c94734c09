import { describeCounterRecordStoreContract } from "@madoguchi/conformance/counter-record-store";
import { createMemoryStore } from "../src/index.ts";

// No `bytesAtRest`: the memory store keeps nothing at rest.
describeCounterRecordStoreContract("memory", async () => {
  const store = createMemoryStore();
  return { records: store.counterRecords, auditLog: store.auditLog, close: () => store.close() };
});
