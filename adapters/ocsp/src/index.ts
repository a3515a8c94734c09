/**
 * @madoguchi/adapter-ocsp — `RevocationChecker` over OCSP (RFC 6960), interoperable with OpenSSL's
 * responder: CertID (SHA-1 or SHA-256) and a nonce, POST with a time-out and bounded retries, responses
 * believed only when signed by the issuer or its delegated responder, with our nonce, for our
 * certificate and current. The DER response is the evidence. Also the OCSP-then-CRL combinator.
 */
export { createOcspRevocationChecker, type OcspRevocationCheckerOptions } from "./ocsp-revocation-checker.ts";
export type { CertIdHash } from "./ocsp-request.ts";
export { createRevocationCheckerWithFallback } from "./revocation-fallback.ts";
