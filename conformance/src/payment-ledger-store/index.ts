/**
 * `@madoguchi/conformance/payment-ledger-store` — the contract every `PaymentLedgerStore` adapter passes,
 * with the audit log it shares a database with.
 */
export {
  describePaymentLedgerStoreContract,
  paymentLedgerStoreCases,
  type MakePaymentLedgerStore,
  type PaymentLedgerStoreCase,
  type PaymentLedgerStoreContractOptions,
  type PaymentLedgerStoreUnderTest,
} from "./payment-ledger-store.contract.ts";
