/**
 * `@madoguchi/conformance/login-state-store` — the contract every `LoginStateStore` adapter passes.
 */
export {
  describeLoginStateStoreContract,
  facetValueArbs,
  loginStateStoreCases,
  type LoginStateStoreCase,
  type LoginStateStoreContractOptions,
  type LoginStateStoreHarness,
  type MakeLoginStateStore,
} from "./login-state-store.contract.ts";
