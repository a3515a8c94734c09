/**
 * `@madoguchi/conformance/trust-anchor-store` — the contract every {@link TrustAnchorStore} adapter
 * passes, and the shape of the CA certificates a package provides for it.
 */
export {
  describeTrustAnchorStoreContract,
  trustAnchorStoreCases,
  type ConfiguredTrustAnchor,
  type LoadedTrustAnchorFixtures,
  type MakeTrustAnchorStore,
  type TrustAnchorFixtures,
  type TrustAnchorStoreCase,
  type TrustAnchorStoreContractOptions,
} from "./trust-anchor-store.contract.ts";
