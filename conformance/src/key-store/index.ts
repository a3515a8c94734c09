/**
 * `@madoguchi/conformance/key-store` — the contract every {@link KeyStore} adapter passes.
 */
export {
  describeKeyStoreContract,
  keyStoreCases,
  type KeyStoreCase,
  type KeyStoreContractOptions,
  type MakeKeyStore,
} from "./key-store.contract.ts";
