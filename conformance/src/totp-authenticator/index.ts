/**
 * `@madoguchi/conformance/totp-authenticator` — the contract every {@link TotpAuthenticator} adapter passes.
 */
export {
  describeTotpAuthenticatorContract,
  RFC6238_SHA1_SECRET,
  RFC6238_SHA1_VECTORS,
  totpAuthenticatorCases,
  type MakeTotpAuthenticator,
  type ReadQrCode,
  type TotpAuthenticatorCase,
  type TotpAuthenticatorContractOptions,
} from "./totp-authenticator.contract.ts";
