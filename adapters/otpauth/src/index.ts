/**
 * @madoguchi/adapter-otpauth — the {@link TotpAuthenticator} for madoguchi: TOTP mechanics on
 * `otpauth`, enrolment QR codes on `qrcode`. The policy (skew, each code once) is core's.
 */
export { createOtpauthAuthenticator } from "./create-otpauth-authenticator.ts";
