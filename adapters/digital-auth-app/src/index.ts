/**
 * @madoguchi/adapter-digital-auth-app — the Digital Agency's Digital Authentication App (デジタル認証アプリ):
 * OIDC login with the 4 basic information items and the sign transaction (openid-client, jose), and a
 * loopback stub provider that follows the same flow for tests and the reference app
 * (docs/adr/0023-digital-authentication-app.md). Unconfirmed field names: provider-fields.ts.
 */
export {
  createDigitalAuthAppClient,
  type DigitalAuthAppClient,
  type DigitalAuthAppLogin,
  type DigitalAuthAppSignature,
  type PendingAuthorization,
  type StartedAuthorization,
} from "./create-digital-auth-app-client.ts";
export { DigitalAuthAppOptions, decodeDigitalAuthAppOptions } from "./digital-auth-app.options.ts";
export type { DigitalAuthAppError, DigitalAuthAppErrorReason } from "./digital-auth-app.errors.ts";
export { basicInfoFromClaims, jpkiDateOfBirth } from "./basic-info-claims.ts";
export { generateClientKeys, type DigitalAuthAppClientKeys } from "./client-keys.ts";
export {
  startStubProvider,
  type StubProvider,
  type StubProviderOptions,
  type StubResident,
  type StubSigningCard,
  type StubMisbehaviour,
} from "./stub/start-stub-provider.ts";
export { approveInStub } from "./stub/approve-in-stub.ts";
export { createDigitalAuthAppSigner, SIGNING_SESSION_TTL_MS, type DigitalAuthAppSignerOptions } from "./digital-auth-app-signer.ts";
