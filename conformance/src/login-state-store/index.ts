/**
 * `@madoguchi/conformance/login-state-store` — the contract every `LoginStateStore` adapter passes.
 */
export { describeLoginStateStoreContract, facetValueArbs, loginStateStoreCases } from "./login-state-store.contract.ts";
export type { LoginStateStoreCase, LoginStateStoreContractOptions, LoginStateStoreHarness, MakeLoginStateStore } from "./login-state-harness.ts";
