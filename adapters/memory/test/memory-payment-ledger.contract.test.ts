import { describePaymentLedgerStoreContract } from "@madoguchi/conformance/payment-ledger-store";
import { createMemoryStore } from "../src/index.ts";

describePaymentLedgerStoreContract("memory", async () => {
  const store = createMemoryStore();
  return { ledger: store.paymentLedger, auditLog: store.auditLog, close: () => store.close() };
});
