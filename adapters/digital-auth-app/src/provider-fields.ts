/**
 * Everything about the Digital Authentication App (デジタル認証アプリ) that is NOT confirmed by a public
 * specification we could read lives in this one file, so that the day the Digital Agency's developer
 * documents are at hand, only this file changes (docs/adr/0023-digital-authentication-app.md).
 *
 * Confirmed (public, ../shared/notes/JPKI.md): OIDC authorization code flow, PKCE S256, client
 * authentication `private_key_jwt`, ID token ES256, endpoints under
 * `/api/realms/main/protocol/openid-connect/{auth,token,userinfo,certs}`, scopes `openid name address
 * birthdate gender` for login and `sign` for signatures, and the sign flow's steps (client-credentials
 * token → create a transaction with the hash → authorize with `sign` → code → fetch a JWE result).
 *
 * UNCONFIRMED (our guesses, kept here): the realm-relative paths of discovery and of the sign API, the
 * JSON field names of the sign API and of its JWE payload, the claim shapes of the 4 basic information
 * items, the gender values, and the wording of the token endpoint's refusals (Keycloak's).
 */

/** Path of the realm under the provider's host; the issuer is `origin + REALM_PATH`. */
export const REALM_PATH = "/api/realms/main";

/** OIDC endpoint paths under the realm (confirmed shape). */
export const OIDC_PATHS = {
  discovery: "/.well-known/openid-configuration",
  authorization: "/protocol/openid-connect/auth",
  token: "/protocol/openid-connect/token",
  userinfo: "/protocol/openid-connect/userinfo",
  jwks: "/protocol/openid-connect/certs",
} as const;

/** Login scopes: the 4 basic information items through the user-authentication certificate. */
export const LOGIN_SCOPES = ["openid", "name", "address", "birthdate", "gender"] as const;
/** Scope of the sign transaction's authorization request. */
export const SIGN_SCOPE = "sign";

/** UNCONFIRMED: the sign API (path under the realm, request and answer fields). */
export const SIGN_API = {
  /** POST (Bearer client-credentials token): creates a transaction; GET `…/{id}/result` (Bearer user token): the JWE. */
  transactionsPath: "/api/sign/transactions",
  request: { hash: "hash", hashAlgorithm: "hash_algorithm", hashAlgorithmSha256: "SHA-256" },
  answer: { transactionId: "transaction_id" },
  /** The authorization request parameter naming the transaction. */
  authorizationParameter: "sign_transaction_id",
  /** The JWE result's JSON payload. */
  result: { signature: "signature", certificate: "certificate" },
} as const;

/** UNCONFIRMED: how the 4 basic information items arrive as claims (standard OIDC claims assumed). */
export const BASIC_INFO_CLAIMS = {
  name: "name",
  /** 氏名代替文字 (外字 replaced); absent when the name needs none. */
  nameSubstitute: "name_alternative",
  /** OIDC `address` object: its `formatted` member. */
  address: "address",
  addressSubstitute: "address_alternative",
  /** `YYYY-MM-DD` (OIDC birthdate). */
  birthdate: "birthdate",
  gender: "gender",
} as const;

/** UNCONFIRMED: gender claim values → the JPKI sex code (1 male, 2 female, 3 not known). */
export const GENDER_TO_SEX: Readonly<Record<string, "1" | "2" | "3">> = { male: "1", female: "2", other: "3", unknown: "3" };

/**
 * UNCONFIRMED (Keycloak's wording, on which the provider's realm paths suggest it runs): the token
 * endpoint answers `invalid_grant` both for a code used twice and for a PKCE verifier that does not
 * match; only the description tells them apart. Anything else is `code_rejected`.
 */
export const INVALID_GRANT_DESCRIPTIONS = {
  pkceMismatch: /PKCE verification failed/i,
  codeReplayed: /Code not valid|already (been )?used/i,
} as const;
