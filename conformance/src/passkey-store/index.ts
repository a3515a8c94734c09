/**
 * `@madoguchi/conformance/passkey-store` — the contract every {@link PasskeyStore} adapter passes.
 */
import type { PasskeyStore } from "@madoguchi/core";
export {
  describePasskeyStoreContract,
  type MakePasskeyStore,
  type PasskeyStoreContractOptions,
  type PasskeyStoreHarness,
} from "./passkey-store.contract.ts";
