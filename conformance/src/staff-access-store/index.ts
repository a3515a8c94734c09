/**
 * `@madoguchi/conformance/staff-access-store` — the contract every `StaffAccessStore` adapter passes.
 */
export { describeStaffAccessStoreContract, staffAccessCases } from "./staff-access-store.contract.ts";
export {
  normalizedSnapshot,
  type MakeStaffAccessStore,
  type StaffAccessCase,
  type StaffAccessContractOptions,
  type StaffAccessHarness,
} from "./staff-access-harness.ts";
