import { describePaymentLedgerStoreContract } from "@madoguchi/conformance/payment-ledger-store";
import { createMemoryStore } from "../src/index.ts";

describePaymentLedgerStoreContract("memory", async () => {
  const store = createMemoryStore();
  return { ledger: store.paymentLedger, auditLog: store.auditLog, outbox: store.outbox, applications: store.applications, close: () => store.close() };
});
