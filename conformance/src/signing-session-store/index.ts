/**
 * `@madoguchi/conformance/signing-session-store` — the contract every {@link SigningSessionStore} adapter passes.
 */
import type { SigningSessionStore } from "@madoguchi/core";
export {
  describeSigningSessionStoreContract,
  type MakeSigningSessionStore,
  type SigningSessionStoreContractOptions,
  type SigningSessionStoreHarness,
} from "./signing-session-store.contract.ts";
