/**
 * `@madoguchi/conformance/approval-store` — the contract every `ApprovalStore` adapter passes, with the
 * audit log it shares a database with.
 */
export {
  approvalStoreCases,
  describeApprovalStoreContract,
  type ApprovalStoreCase,
  type ApprovalStoreContractOptions,
  type ApprovalStoreUnderTest,
  type MakeApprovalStore,
} from "./approval-store.contract.ts";
