/** Conformance suite of `resident-account-store@1`. */
export {
  describeResidentAccountStoreContract,
  sampleResidentAccount,
  type ResidentAccountStoreContractOptions,
  type ResidentAccountStoreHarness,
} from "./resident-account-store.contract.ts";
