/**
 * `@madoguchi/conformance/passkey-relying-party` — the contract every {@link PasskeyRelyingParty}
 * adapter passes, with the independent software authenticator it drives.
 */
export {
  describePasskeyRelyingPartyContract,
  PASSKEY_TEST_SETTING,
  type MakePasskeyRelyingParty,
  type PasskeyRelyingPartyContractOptions,
  type RelyingPartySetting,
} from "./passkey-relying-party.contract.ts";
import type { PasskeyRelyingParty } from "@madoguchi/core";
export { createSoftwareAuthenticator, type CeremonyTwist, type SoftwareAuthenticator, type SoftwareCredential } from "./software-authenticator.ts";
