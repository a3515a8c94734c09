/**
 * `@madoguchi/conformance/session-store` — the contract every `SessionStore` adapter passes.
 */
export {
  describeSessionStoreContract,
  sessionRecordArb,
  sessionStoreCases,
  type MakeSessionStore,
  type SessionStoreCase,
  type SessionStoreContractOptions,
  type SessionStoreHarness,
} from "./session-store.contract.ts";
