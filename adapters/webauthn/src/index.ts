export { createWebAuthnRelyingParty } from "./create-webauthn-relying-party.ts";
export { WebAuthnRelyingPartyOptions } from "./relying-party.options.ts";
