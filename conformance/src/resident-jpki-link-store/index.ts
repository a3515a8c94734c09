/**
 * `@madoguchi/conformance/resident-jpki-link-store` — the contract every {@link ResidentJpkiLinkStore} adapter passes.
 */
import type { ResidentJpkiLinkStore } from "@madoguchi/core";
export {
  describeResidentJpkiLinkStoreContract,
  type MakeResidentJpkiLinkStore,
  type ResidentJpkiLinkStoreContractOptions,
  type ResidentJpkiLinkStoreHarness,
} from "./resident-jpki-link-store.contract.ts";
