import { Schema } from "effect";

/** base64url without padding, as WebAuthn's JSON serialisation uses. */
const Base64Url = Schema.String.pipe(Schema.check(Schema.isPattern(/^[A-Za-z0-9_-]+$/), Schema.isMaxLength(65_536)));

/** `RegistrationResponseJSON` (WebAuthn Level 3 §5.1.8, `PublicKeyCredential.toJSON()`), the fields we read. */
export const RegistrationResponse = Schema.Struct({
  id: Base64Url,
  rawId: Base64Url,
  type: Schema.Literal("public-key"),
  response: Schema.Struct({
    clientDataJSON: Base64Url,
    attestationObject: Base64Url,
    transports: Schema.optional(Schema.Array(Schema.String.pipe(Schema.check(Schema.isMaxLength(32))))),
  }),
  clientExtensionResults: Schema.optional(Schema.Record(Schema.String, Schema.Unknown)),
  authenticatorAttachment: Schema.optional(Schema.String),
});
export type RegistrationResponse = typeof RegistrationResponse.Type;

/** `AuthenticationResponseJSON`, the fields we read. */
export const AuthenticationResponse = Schema.Struct({
  id: Base64Url,
  rawId: Base64Url,
  type: Schema.Literal("public-key"),
  response: Schema.Struct({
    clientDataJSON: Base64Url,
    authenticatorData: Base64Url,
    signature: Base64Url,
    userHandle: Schema.optional(Base64Url),
  }),
  clientExtensionResults: Schema.optional(Schema.Record(Schema.String, Schema.Unknown)),
  authenticatorAttachment: Schema.optional(Schema.String),
});
export type AuthenticationResponse = typeof AuthenticationResponse.Type;

/** The client data the browser signed over (WebAuthn §5.8.1), the fields we check. */
export const ClientData = Schema.Struct({
  type: Schema.String,
  challenge: Schema.String,
  origin: Schema.String,
  crossOrigin: Schema.optional(Schema.Boolean),
  topOrigin: Schema.optional(Schema.String),
});
export type ClientData = typeof ClientData.Type;
