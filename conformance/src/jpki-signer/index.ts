/**
 * `@madoguchi/conformance/jpki-signer` — the contract every {@link JpkiSigner} adapter passes (test card,
 * Digital Authentication App stub, card readers).
 */
export {
  describeJpkiSignerContract,
  jpkiSignerCases,
  type JpkiSignerCase,
  type JpkiSignerContractOptions,
  type JpkiSignerHarness,
} from "./jpki-signer.contract.ts";
