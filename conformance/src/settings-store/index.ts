/**
 * `@madoguchi/conformance/settings-store` — the contract every `SettingsStore` adapter passes, with the
 * audit log it shares a database with.
 */
export {
  describeSettingsStoreContract,
  settingsStoreCases,
  type MakeSettingsStore,
  type SettingsStoreCase,
  type SettingsStoreContractOptions,
  type SettingsStoreUnderTest,
} from "./settings-store.contract.ts";
