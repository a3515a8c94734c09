/**
 * `@madoguchi/conformance/jpki-signer` — the contract every {@link JpkiSigner} adapter passes (test card,
 * Digital Authentication App stub, card readers).
 */
export { describeJpkiSignerContract, type JpkiSignerContractOptions, type JpkiSignerHarness } from "./jpki-signer.contract.ts";
