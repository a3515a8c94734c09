/**
 * `@madoguchi/conformance/revocation-checker` — the contract every {@link RevocationChecker} adapter
 * passes, and the harness an adapter's test provides (certificates, and checkers over revocation data
 * in a given state).
 */
export {
  describeRevocationCheckerContract,
  revocationCheckerCases,
  type LoadedRevocationHarness,
  type PublishedRevocationData,
  type RevocationCheckerCase,
  type RevocationCheckerContractOptions,
  type RevocationDataState,
  type RevocationHarness,
  type RevokedEntry,
  type RevocationWorld,
} from "./revocation-checker.contract.ts";
