/**
 * `@madoguchi/conformance/application-store` — the contracts of the storage ports
 * ({@link ApplicationStore} with its {@link OutboxStore}, and {@link StaffStore}), and fast-check
 * arbitraries of valid domain values that other suites and core tests reuse.
 */
export { describeApplicationStoreContract, applicationStoreCases } from "./application-store.contract.ts";
export type {
  ApplicationStoreCase,
  ApplicationStoreContractOptions,
  ApplicationStoreUnderTest,
  CaseContext,
  MakeApplicationStore,
} from "./application-store.harness.ts";
export { describeStaffStoreContract, staffStoreCases, type MakeStaffStore, type StaffStoreCase, type StaffStoreUnderTest } from "./staff-store.contract.ts";
export { referenceList } from "./list-reference.ts";
export { containsText, utf16le, withCanary } from "./canary.ts";
export { applicationQueryArb, listableApplicationArb } from "./query.arbitraries.ts";
export {
  RARE_NAME_CHARACTERS,
  actorArb,
  applicantArb,
  applicationArb,
  applicationChangeArb,
  applicationChangeSpecArb,
  applyApplicationChange,
  certificateRequestArb,
  feeBreakdownArb,
  isoDateArb,
  nameKanaArb,
  outboxMessageArb,
  paymentRecordArb,
  personNameArb,
  procedureIdArb,
  receiptNumberArb,
  signatureEvidenceArb,
  staffAccountArb,
  timestampArb,
  type ApplicationArbOptions,
  type ApplicationChange,
} from "./application.arbitraries.ts";
