import type { Hasher } from "../../shared/hasher.port.ts";

/**
 * How a resident proved holding their My Number card at login (R10): the user-authentication
 * certificate read by this service (the test card, a card reader), or the Digital Authentication App
 * (デジタル認証アプリ), which reads it on the resident's phone and answers an OIDC login.
 */
export type JpkiLoginMethod = "auth_certificate" | "digital_auth_app";

/**
 * Who the card says this is, per method: the app's `sub` (stable for our client), or the
 * user-authentication certificate's issuer and serial number. A renewed card is a new identity: the
 * resident links it again after a password login (docs/adr/0023-digital-authentication-app.md).
 */
export interface JpkiLoginIdentity {
  readonly method: JpkiLoginMethod;
  readonly subject: string;
}

/**
 * A card linked to a resident account. The identity is kept only as a hash (`key`): the link has to
 * be found from a login, never read back into an identifier that could be correlated elsewhere.
 */
export interface ResidentJpkiLink {
  /** {@link jpkiIdentityKey} of the identity: 64 hex characters. */
  readonly key: string;
  readonly method: JpkiLoginMethod;
  readonly linkedAt: Date;
}

/** The lookup key of an identity: SHA-256 over a domain-separated `method ‖ subject`. */
export const jpkiIdentityKey = (hasher: Hasher, identity: JpkiLoginIdentity): string =>
  hasher.sha256Hex(`madoguchi-jpki-login\u0000${identity.method}\u0000${identity.subject}`);
