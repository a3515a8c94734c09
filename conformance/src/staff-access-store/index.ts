/**
 * `@madoguchi/conformance/staff-access-store` — the contract every `StaffAccessStore` adapter passes.
 */
export {
  describeStaffAccessStoreContract,
  normalizedSnapshot,
  staffAccessCases,
  type MakeStaffAccessStore,
  type StaffAccessCase,
  type StaffAccessContractOptions,
  type StaffAccessHarness,
} from "./staff-access-store.contract.ts";
