import { Schema } from "effect";
import { err, ok, type Result } from "neverthrow";
import { digitalAuthAppError, type DigitalAuthAppError } from "./digital-auth-app.errors.ts";

const Jwk = Schema.Record(Schema.String, Schema.Unknown);

/**
 * Options of the Digital Authentication App client, decoded at construction. The private keys are
 * JWKs: the client-authentication key (`private_key_jwt`, its public half registered with the
 * provider) and the key the sign transaction's JWE result is encrypted to.
 */
export const DigitalAuthAppOptions = Schema.Struct({
  /** The realm's issuer URL, e.g. `https://<host>/api/realms/main` (discovery is under it). */
  issuer: Schema.String.pipe(Schema.check(Schema.isPattern(/^https?:\/\/[^\s]+$/))),
  clientId: Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(200))),
  /**
   * Where the provider may send the resident back (each registered with the provider); the first is
   * the default. Several when one deployment is reached under several origins (localhost and 127.0.0.1
   * in development): the browser must come back to the origin its cookies belong to.
   */
  redirectUris: Schema.Array(Schema.String.pipe(Schema.check(Schema.isPattern(/^https?:\/\/[^\s]+$/)))).pipe(Schema.check(Schema.isMinLength(1))),
  /** EC P-256 (ES256) or RSA private JWK for `private_key_jwt`, with its `kid`. */
  clientAuthenticationKey: Jwk,
  /** ECDH-ES private JWK the sign result is encrypted to. */
  resultDecryptionKey: Jwk,
  /** Per-request timeout towards the provider (seconds). */
  timeoutSeconds: Schema.optional(Schema.Number.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 60 })))),
});
export type DigitalAuthAppOptions = typeof DigitalAuthAppOptions.Type;

/** Whether a URL points at this machine: plain HTTP is allowed only there (the stub provider). */
export const isLoopbackUrl = (url: URL): boolean => ["127.0.0.1", "[::1]", "localhost"].includes(url.hostname);

export const decodeDigitalAuthAppOptions = (input: unknown): Result<DigitalAuthAppOptions, DigitalAuthAppError> => {
  const decoded = Schema.decodeUnknownResult(DigitalAuthAppOptions)(input, { errors: "all" });
  if (decoded._tag !== "Success") return err(digitalAuthAppError("digital-auth-app.options", "unavailable", decoded.failure.message));
  const issuer = new URL(decoded.success.issuer);
  if (issuer.protocol === "http:" && !isLoopbackUrl(issuer)) {
    return err(digitalAuthAppError("digital-auth-app.options", "unavailable", "the issuer must use https (plain http only on loopback)"));
  }
  return ok(decoded.success);
};
