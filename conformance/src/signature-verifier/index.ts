/**
 * `@madoguchi/conformance/signature-verifier` — the contract every {@link SignatureVerifier} adapter
 * passes, and the shape of the fixtures a signer package provides for it.
 */
export {
  describeSignatureVerifierContract,
  signatureVerifierCases,
  type MakeSignatureVerifier,
  type SignatureVerifierCase,
  type SignatureVerifierContractOptions,
  type SignatureVerifierSetup,
  basicInformationArb,
} from "./signature-verifier.contract.ts";
export type {
  FixtureBasicInformation,
  LoadedSignatureFixtures,
  SignatureFixtures,
  SignatureFixtureSigner,
  SignedFixture,
} from "./signature-fixtures.ts";
